#!/usr/bin/env bash
# Outcomes benchmark (issue 10 point 7): the program director's dashboard (/outcomes, the default 90 days and the
# previous 90) and a participant's trend (/participants/{id}/outcomes) on a data set made by `demo generate`, one
# request at a time with curl after a warm-up, signed in through the sign-in page as programdirector@demo.trellis.test
# (both programs). Prints p50 and p95 in milliseconds per page.
#
#   # once: a database filled by the generator (minutes), e.g. SQLite
#   ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite ConnectionStrings__Trellis="Data Source=/tmp/big/t.db" \
#     Trellis__DataDirectory=/tmp/big dotnet src/Trellis.Web/bin/Release/net10.0/Trellis.Web.dll demo generate --participants 10000 --years 5
#   # then
#   PROVIDER=Sqlite CONNECTION="Data Source=/tmp/big/t.db" DATA=/tmp/big bench/outcomes.sh
#   PROVIDER=Postgres CONNECTION="Host=127.0.0.1;Port=5432;Username=trellis_owner;Database=trellis_big" DATA=/tmp/bigpg bench/outcomes.sh
#
# RUNS (default 40) requests per page are measured after WARMUP (default 5). The app runs from the Release build with
# Production settings and the data directory the generator used (its audit key). Each line also gives the app process's
# CPU per request (user + system from /proc/<pid>/stat around the measured requests), which the machine's load inflates
# far less than wall time. BASELINE_DIR=<another build's bin/Release/net10.0> measures that build too, right after this
# one on the same database (e.g. a worktree of the commit before a change), so before and after come from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PROVIDER:?Sqlite or Postgres}" "${CONNECTION:?the generated database}" "${DATA:?the data directory given to demo generate}"
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-5}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BASE="http://127.0.0.1:$PORT"
EMAIL=programdirector@demo.trellis.test
PASSWORD='Trellis!demo1'
WORK=$(mktemp -d /tmp/trellis-outcomes.XXXXXX)
APP=""
APPPID=""
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

start_app() { # build directory
  (cd "$1" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    Database__Provider="$PROVIDER" ConnectionStrings__Trellis="$CONNECTION" Trellis__DataDirectory="$DATA" \
    Database__AllowAuditTableOwner=true Security__SecureCookies=false Outcomes__TasksInBackground=false \
    dotnet Trellis.Web.dll >"$WORK/app.log" 2>&1) &
  APP=$!
  for ((i = 0; i < 900; i++)); do curl -sf -o /dev/null "$BASE/health" && break; sleep 1; done
  curl -sf -o /dev/null "$BASE/health" || { tail -20 "$WORK/app.log"; echo "the app did not start" >&2; exit 1; }
  APPPID=$(pgrep -P "$APP" -f Trellis.Web.dll || echo "$APP")

  # Sign in through the page (anti-forgery token, form handler), as bench/load.sh does.
  jar=$WORK/jar
  rm -f "$jar"
  form=$(curl -sf -c "$jar" -b "$jar" "$BASE/account/login")
  args=()
  while IFS= read -r input; do
    name=$(sed -n 's/.*name="\([^"]*\)".*/\1/p' <<<"$input"); value=$(sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$input")
    [ -n "$name" ] && args+=(--data-urlencode "$name=$value")
  done < <(grep -o '<input type="hidden"[^>]*>' <<<"$form")
  curl -sf -o /dev/null -c "$jar" -b "$jar" "${args[@]}" --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" "$BASE/account/login"

  token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" \
    | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4)
  participant=$(curl -sf -H "Authorization: Bearer $token" "$BASE/api/participants?status=Active" | grep -o '"id":"[0-9a-f-]\{36\}"' | sed -n 1p | cut -d'"' -f4)
  [ -n "$participant" ] || { echo "no active participant found" >&2; exit 1; }
}
stop_app() { kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; APP=""; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APPPID/stat"; }

measure() { # name url
  local code c0 c1 hz
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$2")
  [ "$code" = 200 ] || { echo "$1: HTTP $code" >&2; exit 1; }
  for ((i = 0; i < WARMUP; i++)); do curl -s -o /dev/null -b "$jar" "$2"; done
  hz=$(getconf CLK_TCK); c0=$(cpu_ticks)
  for ((i = 0; i < RUNS; i++)); do curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$2"; done >"$WORK/times"
  c1=$(cpu_ticks)
  sort -n "$WORK/times" | awk -v name="$1" -v cpu="$(( (c1 - c0) * 1000 / hz / RUNS ))" '
    { t[NR] = $1 * 1000 }
    END { p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "%-36s n=%d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms  CPU %5d ms/request\n", name, NR, p50, p95, t[NR], cpu }'
}

run_all() { # label build-directory
  start_app "$2"
  echo "$PROVIDER, $1, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  measure "dashboard (90 days)" "$BASE/outcomes"
  measure "dashboard (1 year)" "$BASE/outcomes?from=$(date -u -d '-364 days' +%F)&to=$(date -u +%F)"
  measure "reports API page (outcomes, 90 days)" "$BASE/outcomes/export/outcomes"
  measure "participant trend" "$BASE/participants/$participant/outcomes"
  stop_app
}

run_all "this build" src/Trellis.Web/bin/Release/net10.0
if [ -n "${BASELINE_DIR:-}" ]; then run_all "baseline $BASELINE_DIR" "$BASELINE_DIR"; fi
