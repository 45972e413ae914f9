#!/usr/bin/env bash
# Bulk Data $export benchmark (issue 12: 10,000 or more resources a second on the large generated data set, peak memory
# under 1 GB). Starts the app from the Release build on a data set made by `demo generate`, signs in through
# POST /api/auth/login, kicks off GET /fhir/$export (Prefer: respond-async), polls the status URL until the manifest
# comes, and prints the resources written (the manifest's counts), the time from kick-off to manifest, resources per
# second, and the app process's peak resident memory (VmHWM, the whole process from its start) and the size of the files.
#
#   # once: a database filled by the generator (minutes)
#   ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite ConnectionStrings__Trellis="Data Source=/tmp/big/t.db" \
#     Trellis__DataDirectory=/tmp/big Logging__LogLevel__Default=Warning \
#     dotnet src/Trellis.Web/bin/Release/net10.0/Trellis.Web.dll demo generate --participants 10000 --years 5
#   # then
#   PROVIDER=Sqlite CONNECTION="Data Source=/tmp/big/t.db" DATA=/tmp/big bench/export.sh
#
# EMAIL (default administrator@demo.trellis.test: every program) is who exports; TYPES (default: every type the role
# reads) is passed as _type; LEVEL=group exports the first Group instead of the system.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PROVIDER:?Sqlite or Postgres}" "${CONNECTION:?the generated database}" "${DATA:?the data directory given to demo generate}"
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BASE="http://127.0.0.1:$PORT"
EMAIL=${EMAIL:-administrator@demo.trellis.test}
PASSWORD='Trellis!demo1'
WORK=$(mktemp -d /tmp/trellis-export.XXXXXX)
APP=""
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

(cd src/Trellis.Web/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
  Database__Provider="$PROVIDER" ConnectionStrings__Trellis="$CONNECTION" Trellis__DataDirectory="$DATA" \
  Database__AllowAuditTableOwner=true Security__SecureCookies=false Outcomes__TasksInBackground=false Reminders__InBackground=false \
  Logging__LogLevel__Default=Warning dotnet Trellis.Web.dll >"$WORK/app.log" 2>&1) &
APP=$!
for ((i = 0; i < 180; i++)); do curl -sf -o /dev/null "$BASE/health" && break; sleep 1; done
curl -sf -o /dev/null "$BASE/health" || { tail -20 "$WORK/app.log"; echo "the app did not start" >&2; exit 1; }
PID=$(pgrep -P "$APP" -f Trellis.Web.dll || echo "$APP")

token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" \
  | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4)
[ -n "$token" ] || { echo "sign-in as $EMAIL failed" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token")
url="$BASE/fhir/\$export"
if [ "${LEVEL:-system}" = group ]; then
  group=$(curl -sf "${auth[@]}" "$BASE/fhir/Group?_count=1&_elements=id" | grep -o '"resourceType":"Group","id":"[0-9a-f-]\{36\}"' | sed -n 1p | grep -o '[0-9a-f-]\{36\}')
  url="$BASE/fhir/Group/$group/\$export"
fi
[ -n "${TYPES:-}" ] && url="$url?_type=$TYPES"
echo "$PROVIDER, $url as $EMAIL, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

start=$(date +%s.%N)
status=$(curl -sf -D - -o /dev/null "${auth[@]}" -H 'Prefer: respond-async' "$url" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ocation: //p')
[ -n "$status" ] || { echo "the kick-off was refused" >&2; exit 1; }
while :; do
  code=$(curl -s -o "$WORK/manifest.json" -w '%{http_code}' "${auth[@]}" "$status")
  [ "$code" = 200 ] && break
  [ "$code" = 202 ] || { cat "$WORK/manifest.json"; echo "status answered $code" >&2; exit 1; }
  sleep 0.5
done
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")
grep -o '"type":"[A-Za-z]*","url":"[^"]*","count":[0-9]*' "$WORK/manifest.json" | sed 's/"url":"[^"]*",//' | tr -d '"' | column -t -s, || true
total=$(grep -o '"count":[0-9]*' "$WORK/manifest.json" | cut -d: -f2 | paste -sd+ | bc)
bytes=$(du -sb "$DATA/fhir-export/$(basename "$status" | tr -d '-')" | cut -f1)
awk -v n="$total" -v s="$start" -v e="$end" -v kb="$peak" -v b="$bytes" 'BEGIN {
  t = e - s; printf "%d resources in %.1f s: %.0f resources/s; %.0f MB of NDJSON; peak resident memory of the app %.0f MB\n", n, t, n / t, b / 1048576, kb / 1024 }'
curl -s -o /dev/null -X DELETE "${auth[@]}" "$status"
