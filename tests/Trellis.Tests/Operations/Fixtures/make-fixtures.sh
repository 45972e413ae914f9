#!/usr/bin/env bash
# Makes the upgrade fixtures (UpgradeTests): the demo clinic as release 3e53ace seeds it, with a fixed
# fictional audit key, as a SQLite file and as a plain-SQL pg_dump, both gzip'd. Run once per release
# that becomes the upgrade baseline:  tests/Trellis.Tests/Operations/Fixtures/make-fixtures.sh [commit]
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
RELEASE=${1:-3e53ace}
KEY=$(printf 'trellis-upgrade-fixture-key-0001' | base64)   # 32 fictional bytes; UpgradeTests uses the same
WORK=$(mktemp -d /tmp/ops-fixture.XXXXXX)
TREE=$WORK/tree
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "'$PGBIN/pg_ctl' -D '$WORK/pg/data' stop -m fast" >/dev/null 2>&1 || true
  git -C "$HERE" worktree remove --force "$TREE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${BUILT:-}" ]; then APP=$BUILT   # the release already built (its bin/Release/net10.0)
else
  git -C "$HERE" worktree add --detach "$TREE" "$RELEASE" >/dev/null
  dotnet build "$TREE/src/Trellis.Web" -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
  APP=$TREE/src/Trellis.Web/bin/Release/net10.0
fi

seed() { # name port VAR=value…: starts the release with its demo clinic, waits for it, stops it
  local name=$1 port=$2; shift 2
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Trellis__DemoMode=true \
    Audit__Key="$KEY" Security__SecureCookies=false "$@" dotnet Trellis.Web.dll >"$WORK/$name.log" 2>&1) &
  local pid=$!; PIDS+=($pid)
  for _ in $(seq 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/health" || { tail -20 "$WORK/$name.log"; exit 1; }
  kill "$pid"; wait "$pid" || true
}

port=$((55500 + RANDOM % 90))
mkdir -p "$WORK/sqlite"
seed sqlite "$port" Database__Provider=Sqlite Trellis__DataDirectory="$WORK/sqlite"
sqlite3 "$WORK/sqlite/trellis.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null 2>&1 || true
gzip -9 -c "$WORK/sqlite/trellis.db" >"$HERE/release-$RELEASE.sqlite.gz"

mkdir -p "$WORK/pg"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$WORK/pg" && chmod 755 "$WORK"
pgport=$((port + 1))
as_pg "'$PGBIN/initdb' -D '$WORK/pg/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$PGBIN/pg_ctl' -D '$WORK/pg/data' -l '$WORK/pg/server.log' -o \"-c listen_addresses=127.0.0.1 -p $pgport -k '$WORK/pg'\" -w start" >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$pgport" -U postgres -q -c "CREATE ROLE trellis_owner LOGIN" -c "CREATE ROLE trellis_app LOGIN" -c "CREATE DATABASE trellis OWNER trellis_owner"
seed postgres "$((port + 2))" Database__Provider=Postgres \
  ConnectionStrings__Trellis="Host=127.0.0.1;Port=$pgport;Database=trellis;Username=trellis_app" \
  ConnectionStrings__TrellisAdmin="Host=127.0.0.1;Port=$pgport;Database=trellis;Username=trellis_owner" Trellis__DataDirectory="$WORK/pgdata"
"$PGBIN/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres --no-owner --no-privileges trellis | gzip -9 >"$HERE/release-$RELEASE.postgres.sql.gz"
ls -l "$HERE"/release-"$RELEASE".*
