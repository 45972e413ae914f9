#!/usr/bin/env bash
# Trellis test run: installs what is missing, starts a throw-away PostgreSQL on 127.0.0.1,
# runs every test on SQLite and on PostgreSQL (at once), then the browser tests, and ends with one line:
# "N passed, N failed". A missing prerequisite fails the run; nothing is skipped silently.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
OUT="$ROOT/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"

log() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nERROR: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then command -v sudo >/dev/null && SUDO="sudo" || true; fi

# ---- prerequisites -------------------------------------------------------------------------
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/nginx ] || need+=(nginx) # the two-node test (tests/Trellis.Tests/Operations)
[ -x /usr/sbin/clamd ] || need+=(clamav-daemon) # the upload virus scan (tests/Trellis.Tests/Portal/UploadTests)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || fail "apt-get update failed"
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || fail "could not install ${need[*]}"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installation"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PGBIN/initdb" ] || fail "PostgreSQL server binaries not found"
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH"
# The billing tests check 837 files with node-x12, a parser independent of the app's writer.
command -v npm >/dev/null || { $SUDO apt-get update -qq >/dev/null; $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; } || fail "could not install node and npm"
npm ci --prefix tests/Trellis.Tests/Billing/x12check --no-audit --no-fund >"$OUT/npm.log" 2>&1 || fail "npm ci for the X12 check failed (see $OUT/npm.log)"

# ---- throw-away PostgreSQL -----------------------------------------------------------------
PGDIR=$(mktemp -d /tmp/trellis-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGDIR"; fi
stop_pg() { as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' stop -m fast" >/dev/null 2>&1; rm -rf "$PGDIR"; }
CLAMDIR=""; CLAMPID=""
stop_all() { [ -n "$CLAMPID" ] && kill "$CLAMPID" 2>/dev/null; [ -n "$CLAMDIR" ] && rm -rf "$CLAMDIR"; stop_pg; }
trap stop_all EXIT
log "Starting PostgreSQL on 127.0.0.1:$PGPORT"
as_pg "'$PGBIN/initdb' -D '$PGDIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$OUT/initdb.log" 2>&1 || fail "initdb failed (see $OUT/initdb.log)"
# fsync and synchronous_commit stay on: the app refuses a database that could lose a commit.
as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' -l '$PGDIR/server.log' -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k '$PGDIR' -c max_connections=300\" -w start" >"$OUT/pg_ctl.log" 2>&1 || fail "PostgreSQL did not start (see $OUT/pg_ctl.log)"
psql_admin() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "$1"; }
psql_admin "CREATE ROLE trellis_owner LOGIN; CREATE ROLE trellis_app LOGIN;" || fail "could not create test roles"
export TRELLIS_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# ---- throw-away clamd ----------------------------------------------------------------------
# freshclam cannot reach the internet here: clamd loads only a local signature, the EICAR test file's MD5 and size.
CLAMDIR=$(mktemp -d /tmp/trellis-clamd.XXXXXX); mkdir -p "$CLAMDIR/db"
CLAMPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 53310)
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' | md5sum | awk '{print $1 ":68:Eicar-Test-Signature"}' >"$CLAMDIR/db/eicar.hdb"
printf 'Foreground yes\nDatabaseDirectory %s\nTCPSocket %s\nTCPAddr 127.0.0.1\nLogFile %s\nStreamMaxLength 30M\n' "$CLAMDIR/db" "$CLAMPORT" "$CLAMDIR/clamd.log" >"$CLAMDIR/clamd.conf"
log "Starting clamd on 127.0.0.1:$CLAMPORT (local EICAR signature only)"
/usr/sbin/clamd -c "$CLAMDIR/clamd.conf" >"$OUT/clamd.log" 2>&1 &
CLAMPID=$!
for _ in $(seq 1 60); do python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$CLAMPORT),1); s.sendall(b'zPING\0'); exit(0 if s.recv(10).startswith(b'PONG') else 1)" 2>/dev/null && break; sleep 1; done
python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$CLAMPORT),1); s.sendall(b'zPING\0'); exit(0 if s.recv(10).startswith(b'PONG') else 1)" 2>/dev/null || fail "clamd did not start (see $OUT/clamd.log)"
export TRELLIS_TEST_CLAMD="127.0.0.1:$CLAMPORT"

# ---- build once ----------------------------------------------------------------------------
log "Building"
dotnet build Trellis.slnx -c Release -nologo -v q >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; fail "build failed"; }

# ---- known vulnerable packages -------------------------------------------------------------
# Counted as one test: it fails when any package (direct or transitive) has a published advisory.
# The check is only as good as the feed's vulnerability data (see docs/security.md).
log "Vulnerable packages"
dotnet list Trellis.slnx package --vulnerable --include-transitive >"$OUT/vulnerable.log" 2>&1
if grep -q "has the following vulnerable packages" "$OUT/vulnerable.log"; then
  cat "$OUT/vulnerable.log"; echo "VULNERABLE" >"$OUT/vulnerable.failed"
elif ! grep -q "no vulnerable packages" "$OUT/vulnerable.log"; then
  tail -20 "$OUT/vulnerable.log"; echo "CHECK FAILED" >"$OUT/vulnerable.failed"
else
  echo "none known"; touch "$OUT/vulnerable.passed"
fi

# ---- runs ----------------------------------------------------------------------------------
# The SQLite and PostgreSQL runs go at once: each is its own process on its own databases (every
# test class copies the run's seeded demo database), and together they keep both cores busy while
# one waits on fsync. The browser run starts when the SQLite run ends, beside the end of the
# PostgreSQL run only: its page loads have timeouts, which three runs at once have exceeded.
run() { # name project filter database
  local name=$1 project=$2 filter=$3 database=$4 started=$SECONDS
  TRELLIS_TEST_DATABASE=$database dotnet test "$project" -c Release --no-build -nologo \
    ${filter:+--filter "$filter"} --logger "trx;LogFileName=$name.trx" --results-directory "$OUT" \
    --logger "console;verbosity=minimal" >"$OUT/$name.log" 2>&1
  echo "$((SECONDS - started))" >"$OUT/$name.seconds"
}
report() { # name
  log "Tests: $1 ($(cat "$OUT/$1.seconds" 2>/dev/null || echo '?') s)"
  # Each failure with its message and the first frames of its stack: CI shows only this output.
  awk '/^[[:space:]]*(Passed!|Failed!)/ || /error/ { print; next }
       /^[[:space:]]*Failed / { print; n = 14; stack = 0; next }
       n > 0 { if ($0 ~ /Stack Trace:/) stack = 1; else if (stack && stack++ > 3) { n = 0; next }; print; n-- }' "$OUT/$1.log" || true
  [ -f "$OUT/$1.trx" ] || echo "MISSING" >"$OUT/$1.missing"
}
log "Tests: sqlite and postgres at once, then browser"
run sqlite tests/Trellis.Tests "" Sqlite &
SQLITE_RUN=$!
# Category=Cluster tests start their own PostgreSQL (to stop it, or to run two nodes on it): once is enough.
run postgres tests/Trellis.Tests "Category!=Unit&Category!=Cluster" Postgres &
POSTGRES_RUN=$!
# Only these: a bare `wait` would also wait for clamd, which runs until the end.
wait "$SQLITE_RUN"
run browser tests/Trellis.BrowserTests "" Sqlite &
BROWSER_RUN=$!
wait "$POSTGRES_RUN" "$BROWSER_RUN"
report sqlite
report postgres
report browser

# ---- summary -------------------------------------------------------------------------------
passed=0; failed=0
for trx in "$OUT"/*.trx; do
  [ -f "$trx" ] || continue
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ -f "$OUT/vulnerable.passed" ] && passed=$((passed + 1))
[ -f "$OUT/vulnerable.failed" ] && { echo "Known vulnerable packages, or the check could not run: $OUT/vulnerable.log"; failed=$((failed + 1)); }
for m in "$OUT"/*.missing; do [ -f "$m" ] && { echo "A test run produced no results: $(basename "$m" .missing)"; failed=$((failed + 1)); }; done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
