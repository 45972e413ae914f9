#!/usr/bin/env bash
# Where a request's time goes: the Release app on a fresh demo clinic (SQLite), GET /api/participants/{id}
# under wrk at $CONNECTIONS connections, with dotnet-counters (the audit group commit's batch sizes and
# commit times, GC and allocation) and a dotnet-trace CPU sample of $SECONDS seconds; prints the
# methods with the most exclusive and inclusive samples. Tools go to /tmp/trellis-tools.
#
#   bench/profile.sh                      CONNECTIONS=8 SECONDS_TRACED=20 PATH_UNDER_LOAD=/api/participants/{id}
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONNECTIONS=${CONNECTIONS:-8}
SECONDS_TRACED=${SECONDS_TRACED:-20}
PATH_UNDER_LOAD=${PATH_UNDER_LOAD:-/api/participants/{id\}}
TOOLS=/tmp/trellis-tools
WORK=$(mktemp -d /tmp/trellis-profile.XXXXXX)
APP=""
trap '[ -n "$APP" ] && kill "$APP" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] && cp "$WORK"/*.txt "$WORK"/*.csv "$KEEP"/ 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
for tool in dotnet-counters dotnet-trace; do
  [ -x "$TOOLS/$tool" ] || dotnet tool install --tool-path "$TOOLS" "$tool" >/dev/null
done
dotnet build src/Trellis.Web -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }

PORT=$((30000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
BASE=http://127.0.0.1:$PORT
(cd "$ROOT/src/Trellis.Web/bin/Release/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=$BASE \
  Trellis__DemoMode=true Trellis__DataDirectory="$WORK/data" Security__SecureCookies=false Audit__Key="$(head -c 32 /dev/urandom | base64)" \
  dotnet Trellis.Web.dll >"$WORK/app.log" 2>&1) &
APP=$!
for _ in $(seq 600); do curl -sf -o /dev/null "$BASE/health" && break; kill -0 "$APP" || { cat "$WORK/app.log"; exit 1; }; sleep 1; done
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"email":"clinician@demo.trellis.test","password":"Trellis!demo1"}' \
  "$BASE/api/auth/login" | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4)
ID=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/participants?status=Active" | grep -o '"id":"[0-9a-f-]\{36\}"' | head -1 | cut -d'"' -f4)
URL="$BASE${PATH_UNDER_LOAD//\{id\}/$ID}"

wrk -t 2 -c 8 -d 5s -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null # warm up
wrk -t 2 -c "$CONNECTIONS" -d "$((SECONDS_TRACED + 15))s" -H "Authorization: Bearer $TOKEN" "$URL" >"$WORK/wrk.txt" &
LOAD=$!
sleep 3
"$TOOLS/dotnet-counters" collect -p "$APP" --counters "Trellis.Audit,System.Runtime,Microsoft.AspNetCore.Hosting" \
  --duration "00:00:00:10" --format csv -o "$WORK/counters.csv" >/dev/null
"$TOOLS/dotnet-trace" collect -p "$APP" --profile dotnet-sampled-thread-time --duration "00:00:00:$SECONDS_TRACED" -o "$WORK/trace.nettrace" >/dev/null 2>&1 \
  || "$TOOLS/dotnet-trace" collect -p "$APP" --profile cpu-sampling --duration "00:00:00:$SECONDS_TRACED" -o "$WORK/trace.nettrace" >/dev/null
wait "$LOAD"

echo "== wrk ($URL, $CONNECTIONS connections)"; grep -E "Requests/sec|Latency" "$WORK/wrk.txt"
echo "== counters (means over 10 s)"
awk -F, 'NR > 1 { key = $3 " " $4; sum[key] += $NF; n[key]++ } END { for (k in sum) printf "%-90s %12.2f\n", k, sum[k] / n[k] }' "$WORK/counters.csv" \
  | grep -Ei "audit|alloc|gc.pause|request.duration|cpu" | sort | tee "$WORK/counters.txt"
echo "== top methods, exclusive samples"; "$TOOLS/dotnet-trace" report "$WORK/trace.nettrace" topN -n 25 | tee "$WORK/top-exclusive.txt"
echo "== top methods, inclusive samples"; "$TOOLS/dotnet-trace" report "$WORK/trace.nettrace" topN -n 40 --inclusive | tee "$WORK/top-inclusive.txt"
