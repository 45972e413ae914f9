#!/usr/bin/env bash
# Start-up and first sign-in of the built Release app (dotnet build -c Release first), in Development
# with the demo: on an empty data folder (migrations + demo seeding), then again on that database,
# then a cold sign-in through the sign-in page and the home page after it, then one through the API.
# Prints wall time and the app process's CPU time for each: on a shared machine the CPU time is the
# steadier figure. Usage: bench/startup.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-5390}
DLL=src/Trellis.Web/bin/Release/net10.0/Trellis.Web.dll
[ -f "$DLL" ] || { echo "build first: dotnet build Trellis.slnx -c Release" >&2; exit 1; }
DATA=$(mktemp -d /tmp/trellis-startup.XXXXXX)
JAR=$(mktemp); PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA" "$JAR"' EXIT
TICK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
secs() { echo "scale=2; $1 / $TICK" | bc; }

start() { # label
  local t0 t1
  t0=$(date +%s.%N)
  (cd src/Trellis.Web && ASPNETCORE_ENVIRONMENT=Development Trellis__DataDirectory="$DATA" \
    ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet "bin/Release/net10.0/Trellis.Web.dll") >"$DATA/app.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/account/login")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { cat "$DATA/app.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  printf '%-34s wall %6.2f s   cpu %6s s\n' "$1" "$(echo "$t1 - $t0" | bc)" "$(secs "$(cpu)")"
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
timed() { # label, curl arguments...
  local label=$1 c0 out; shift
  c0=$(cpu)
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@")
  printf '%-34s wall %6.3f s   cpu %6s s   (HTTP %s)\n' "$label" "${out#* }" "$(secs "$(( $(cpu) - c0 ))")" "${out%% *}"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start "first page, empty data folder"
stop
start "first page, existing database"
sleep 5 # a person reading the sign-in page
curl -s -c "$JAR" -b "$JAR" -o "$DATA/login.html" "http://127.0.0.1:$PORT/account/login"
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$DATA/login.html" | head -1 | sed 's/.*value="//;s/"$//'; }
timed "sign-in page POST (cold)" -c "$JAR" -b "$JAR" \
  --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken)" --data-urlencode "_handler=$(field _handler)" \
  --data-urlencode "Input.Email=clinician@demo.trellis.test" --data-urlencode "Input.Password=Trellis!demo1" \
  "http://127.0.0.1:$PORT/account/login"
timed "home page after it" -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/"
timed "API sign-in, another account" -H 'content-type: application/json' \
  -d '{"email":"prescriber@demo.trellis.test","password":"Trellis!demo1"}' "http://127.0.0.1:$PORT/api/auth/login"
stop
start "first page, existing database"
sleep 5
timed "API sign-in (cold)" -H 'content-type: application/json' \
  -d '{"email":"clinician@demo.trellis.test","password":"Trellis!demo1"}' "http://127.0.0.1:$PORT/api/auth/login"
stop
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
