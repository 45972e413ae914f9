#!/usr/bin/env bash
# Load benchmark (issue 15): the Release build of Trellis under wrk, beside a bare ceiling measured
# in the same run, interleaved (ceiling, then the app, for every request and connection count), so
# that whatever else the machine is doing weighs on both alike.
#
#   bench/load.sh                                   SQLite, PostgreSQL, and PostgreSQL with two nodes behind nginx
#   DURATION=10 CONNECTIONS="1 8 32" DATABASES="sqlite postgres" bench/load.sh
#   BASELINE=<git ref> bench/load.sh                also builds that commit and measures it the same way, in the
#                                                   same run, each measurement right after this tree's
#
# Each app runs on a fresh demo clinic (Production settings, demo data on). The ceiling is
# bench/Trellis.Ceiling: bearer token looked up in one SQLite row, one participant row read by id, JSON.
# Prints requests/s, p50, p99 and the ratio to the ceiling measured just before; the table is also
# left in $KEEP/results.tsv when KEEP is set.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-"1 8 32"}
DATABASES=${DATABASES:-"sqlite postgres"}
TWO_NODES=${TWO_NODES:-yes}
BASELINE=${BASELINE:-}
WORK=$(mktemp -d /tmp/trellis-load.XXXXXX)
RESULTS=$WORK/results.tsv
PIDS=()
PGDIR=""
PGBIN=""
AUDIT_KEY=$(head -c 32 /dev/urandom | base64)
next_port=$((20000 + RANDOM % 20000))

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
port() { # sets PORT to the next port nothing listens on (other servers share this machine); not in $(…), which would forget it
  next_port=$((next_port + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do next_port=$((next_port + 1)); done
  PORT=$next_port
}

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PGDIR" ]; then as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' stop -m fast" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; fi
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$WORK"/*.tsv "$WORK"/*.log "$KEEP"/ 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- tools ---------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
[[ " $DATABASES " == *" postgres "* && "$TWO_NODES" == yes ]] && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx); }
[[ " $DATABASES " == *" postgres "* ]] && { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql); }
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---- builds --------------------------------------------------------------------------------
log "Building this tree (Release)"
dotnet build Trellis.slnx -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; die "build failed"; }
declare -A APPDIR=([current]="$ROOT/src/Trellis.Web/bin/Release/net10.0")
VARIANTS=(current)
if [ -n "$BASELINE" ]; then
  log "Building the baseline $BASELINE (Release)"
  mkdir -p "$WORK/baseline"
  git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/baseline"
  dotnet build "$WORK/baseline/src/Trellis.Web" -c Release -nologo -v q >"$WORK/build-baseline.log" 2>&1 || { tail -30 "$WORK/build-baseline.log"; die "baseline build failed"; }
  APPDIR[baseline]="$WORK/baseline/src/Trellis.Web/bin/Release/net10.0"
  VARIANTS+=(baseline)
fi

# ---- processes -----------------------------------------------------------------------------
wait_http() { # url seconds
  local i
  for ((i = 0; i < $2; i++)); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  return 1
}

start_app() { # name variant port [VAR=value…]: the built app, from its own folder (its appsettings.json)
  local name=$1 variant=$2 port=$3; shift 3
  (cd "${APPDIR[$variant]}" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Trellis__DemoMode=true Security__SecureCookies=false Audit__Key="$AUDIT_KEY" Trellis__KnownProxies__0=127.0.0.1 \
    Audit__CheckpointPath="$WORK/$name.checkpoints" "$@" dotnet Trellis.Web.dll >"$WORK/$name.log" 2>&1) &
  PIDS+=($!)
  eval "PID_$name=$!"
}

ready_app() { # name port: waits for /health while the process lives (seeding the demo takes a while)
  local pid i; pid=$(eval "echo \$PID_$1")
  for ((i = 0; i < 900; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$2/health" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  tail -20 "$WORK/$1.log"; die "$1 did not start"
}

port; CEILING_PORT=$PORT
(cd "$ROOT/bench/Trellis.Ceiling/bin/Release/net10.0" && exec env ASPNETCORE_URLS="http://127.0.0.1:$CEILING_PORT" \
  Ceiling__Database="$WORK/ceiling.db" dotnet Trellis.Ceiling.dll >"$WORK/ceiling.log" 2>&1) &
PIDS+=($!)
wait_http "http://127.0.0.1:$CEILING_PORT/participants/00000000-0000-0000-0000-000000000001" 60 \
  || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CEILING_PORT/participants/00000000-0000-0000-0000-000000000001" | grep -q 401 \
  || die "the ceiling did not start"
CEILING_URL="http://127.0.0.1:$CEILING_PORT/participants/00000000-0000-0000-0000-000000000001"

# ---- credentials -------------------------------------------------------------------------
EMAIL=clinician@demo.trellis.test
PASSWORD='Trellis!demo1'

api_token() { # base
  curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$1/api/auth/login" \
    | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4
}

participant() { # base token n: the clinician's n-th active participant
  curl -sf -H "Authorization: Bearer $2" "$1/api/participants?status=Active" | grep -o '"id":"[0-9a-f-]\{36\}"' | sed -n "$3p" | cut -d'"' -f4
}

# Signs in through the sign-in page as a browser would (anti-forgery token, form handler) and
# prints the Cookie header value that a page request needs.
page_cookie() { # base
  local jar=$WORK/jar.$RANDOM form args=()
  form=$(curl -sf -c "$jar" -b "$jar" "$1/account/login")
  while IFS= read -r input; do
    local name value
    name=$(sed -n 's/.*name="\([^"]*\)".*/\1/p' <<<"$input")
    value=$(sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$input")
    [ -n "$name" ] && args+=(--data-urlencode "$name=$value")
  done < <(sed -n '1,/<\/form>/p' <<<"$form" | grep -o '<input type="hidden"[^>]*>') # the sign-in form only, not the passkey form after it
  curl -sf -o /dev/null -c "$jar" -b "$jar" "${args[@]}" --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" "$1/account/login"
  awk -F'\t' '!/^# / && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
}

# ---- wrk -----------------------------------------------------------------------------------
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
cat "$WORK/report.lua" >"$WORK/post.lua"
cat >>"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- Yesterday: a note documents a service that has happened, and UTC's today can be tomorrow in the clinic's time zone.
wrk.body = '{"kind":"individual","format":"dap","serviceDate":"' .. os.date("!%Y-%m-%d", os.time() - 86400) .. '","minutes":50,"sections":{"data":"Reports a steadier week.","assessment":"Improving.","plan":"Continue weekly."}}'
LUA

run_wrk() { # conns script url [header…] → "rps p50 p99 errors"
  local conns=$1 script=$2 url=$3; shift 3
  local threads=$((conns < 2 ? 1 : 2)) headers=()
  for h in "$@"; do headers+=(-H "$h"); done
  wrk -t "$threads" -c "$conns" -d "${DURATION}s" --timeout 10s -s "$script" "${headers[@]}" "$url" | sed -n 's/^RESULT //p'
}

ceiling() { run_wrk "$1" "$WORK/report.lua" "$CEILING_URL" "Authorization: Bearer ceiling-token"; }

# The requests of issue 15's table, the chart page and a note save: name|method|path|credential.
REQUESTS=(
  "chart|GET|/api/participants/{id}|bearer"
  "caseload|GET|/api/participants|bearer"
  "notes|GET|/api/participants/{id}/notes|bearer"
  "programs (no read audit)|GET|/api/programs|bearer"
  "chart page (HTML)|GET|/participants/{id}|cookie"
  "note save|POST|/api/participants/{id}/notes|bearer"
)
AUDITED_READS=("chart|GET|/api/participants/{id}|bearer" "caseload|GET|/api/participants|bearer" "notes|GET|/api/participants/{id}/notes|bearer")

declare -A BASE TOKEN COOKIE PARTICIPANT WRITTEN CPU_PIDS

# CPU seconds the app's processes have used (user + system): divided by the requests served, the
# cost of a request on this machine whatever else runs on it.
cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo "$t"; }
TICKS=$(getconf CLK_TCK)
sign_in() { # variant base
  BASE[$1]=$2
  TOKEN[$1]=$(api_token "$2"); [ -n "${TOKEN[$1]}" ] || die "could not sign in to $2"
  COOKIE[$1]=$(page_cookie "$2"); [ -n "${COOKIE[$1]}" ] || die "could not sign in to the pages of $2"
  # A failed sign-in still leaves cookies (anti-forgery), and wrk counts the redirect to the sign-in page as an answer.
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${COOKIE[$1]}" "$2/participants")" = 200 ] || die "the page sign-in of $2 did not take"
  PARTICIPANT[$1]=$(participant "$2" "${TOKEN[$1]}" 1); [ -n "${PARTICIPANT[$1]}" ] || die "no participant in $2"
  # Note saves go to another chart, so the notes list that is read keeps its size through the run.
  WRITTEN[$1]=$(participant "$2" "${TOKEN[$1]}" 2); [ -n "${WRITTEN[$1]}" ] || die "no second participant in $2"
}

MEASURED=0
measure() { # database setup request conns key [key…]: ceiling, then each app in turn (the order alternating)
  local database=$1 setup=$2 spec=$3 conns=$4; shift 4
  IFS='|' read -r name method path credential <<<"$spec"
  read -r c_rps c_p50 c_p99 c_err <<<"$(ceiling "$conns")"
  local keys=("$@")
  MEASURED=$((MEASURED + 1))
  [ $((MEASURED % 2)) -eq 0 ] && [ ${#keys[@]} -eq 2 ] && keys=("${keys[1]}" "${keys[0]}")
  for key in "${keys[@]}"; do
    local variant=${key%%@*} base=${key#*@} url script auth
    url="$base${path//\{id\}/${PARTICIPANT[$variant]}}"
    script="$WORK/report.lua"
    if [ "$method" = POST ]; then script="$WORK/post.lua"; url="$base${path//\{id\}/${WRITTEN[$variant]}}"; fi
    if [ "$credential" = cookie ]; then auth="Cookie: ${COOKIE[$variant]}"; else auth="Authorization: Bearer ${TOKEN[$variant]}"; fi
    local before after; before=$(cpu_ticks ${CPU_PIDS[$key]})
    read -r rps p50 p99 err <<<"$(run_wrk "$conns" "$script" "$url" "$auth")"
    after=$(cpu_ticks ${CPU_PIDS[$key]})
    local ratio cpu
    ratio=$(awk -v a="$rps" -v c="$c_rps" 'BEGIN { printf "%.3f", (c > 0 ? a / c : 0) }')
    cpu=$(awk -v t=$((after - before)) -v hz="$TICKS" -v r="$rps" -v d="$DURATION" 'BEGIN { printf "%.2f", (r > 0 ? t / hz * 1000 / (r * d) : 0) }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$database" "$setup" "$variant" "$name" "$conns" "$rps" "$p50" "$p99" "$err" "$c_rps" "$ratio" "$cpu" | tee -a "$RESULTS" >&2
  done
}

warm_up() { # key…: JIT and caches, not measured
  local spec key
  for key in "$@"; do
    local variant=${key%%@*} base=${key#*@}
    for spec in "${REQUESTS[@]}"; do
      IFS='|' read -r name method path credential <<<"$spec"
      [ "$method" = POST ] && continue
      local auth="Authorization: Bearer ${TOKEN[$variant]}"; [ "$credential" = cookie ] && auth="Cookie: ${COOKIE[$variant]}"
      wrk -t 2 -c 8 -d 4s -H "$auth" "$base${path//\{id\}/${PARTICIPANT[$variant]}}" >/dev/null
    done
  done
  wrk -t 2 -c 8 -d 2s -H "Authorization: Bearer ceiling-token" "$CEILING_URL" >/dev/null
}

run_suite() { # database setup key…
  local database=$1 setup=$2; shift 2
  warm_up "$@"
  for conns in $CONNECTIONS; do
    for spec in "${REQUESTS[@]}"; do measure "$database" "$setup" "$spec" "$conns" "$@"; done
  done
}

printf 'database\tsetup\tbuild\trequest\tconnections\trequests/s\tp50 ms\tp99 ms\terrors\tceiling/s\tratio\tapp CPU ms/request\n' >"$RESULTS"

# ---- SQLite --------------------------------------------------------------------------------
if [[ " $DATABASES " == *" sqlite "* ]]; then
  keys=()
  for v in "${VARIANTS[@]}"; do
    port; p=$PORT; mkdir -p "$WORK/sqlite-$v"
    start_app "sqlite_$v" "$v" "$p" Database__Provider=Sqlite Trellis__DataDirectory="$WORK/sqlite-$v"
    keys+=("$v@http://127.0.0.1:$p"); CPU_PIDS["$v@http://127.0.0.1:$p"]=$(eval "echo \$PID_sqlite_$v")
  done
  log "SQLite: seeding the demo clinic (${#keys[@]} app(s))"
  for k in "${keys[@]}"; do v=${k%%@*}; ready_app "sqlite_$v" "${k##*:}"; sign_in "$v" "${k#*@}"; done
  log "SQLite: measuring"
  run_suite sqlite "one node" "${keys[@]}"
  for v in "${VARIANTS[@]}"; do eval "kill \$PID_sqlite_$v"; done
fi

# ---- PostgreSQL ----------------------------------------------------------------------------
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [[ " $DATABASES " == *" postgres "* ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  # Its own folder: the postgres user cannot enter $WORK, which mktemp made private to us.
  PGDIR=$(mktemp -d /tmp/trellis-load-pg.XXXXXX); [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDIR"
  port; PGPORT=$PORT
  log "PostgreSQL: throw-away cluster on 127.0.0.1:$PGPORT (fsync and synchronous_commit on)"
  as_pg "'$PGBIN/initdb' -D '$PGDIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; die "initdb failed"; }
  as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' -l '$PGDIR/server.log' -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k '$PGDIR' -c max_connections=400\" -w start" >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE trellis_owner LOGIN; CREATE ROLE trellis_app LOGIN;"
  keys=(); declare -A PGCONN PGADMIN NODE1
  for v in "${VARIANTS[@]}"; do
    "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE trellis_$v OWNER trellis_owner;"
    PGCONN[$v]="Host=127.0.0.1;Port=$PGPORT;Database=trellis_$v;Username=trellis_app"
    PGADMIN[$v]="Host=127.0.0.1;Port=$PGPORT;Database=trellis_$v;Username=trellis_owner"
    port; p=$PORT; NODE1[$v]=$p
    start_app "pg1_$v" "$v" "$p" Database__Provider=Postgres ConnectionStrings__Trellis="${PGCONN[$v]}" \
      ConnectionStrings__TrellisAdmin="${PGADMIN[$v]}" Trellis__DataDirectory="$WORK/pg-$v"
    keys+=("$v@http://127.0.0.1:$p"); CPU_PIDS["$v@http://127.0.0.1:$p"]=$(eval "echo \$PID_pg1_$v")
  done
  log "PostgreSQL: seeding the demo clinic (${#keys[@]} app(s))"
  for k in "${keys[@]}"; do v=${k%%@*}; ready_app "pg1_$v" "${k##*:}"; sign_in "$v" "${k#*@}"; done
  log "PostgreSQL: measuring one node"
  run_suite postgres "one node" "${keys[@]}"

  if [ "$TWO_NODES" = yes ]; then
    # A second node on each database, and nginx in front: one port that sends everything to node 1,
    # one that balances over both, so the comparison has the proxy on both sides.
    upstreams="" servers=""; one=(); two=()
    for v in "${VARIANTS[@]}"; do
      port; p=$PORT
      start_app "pg2_$v" "$v" "$p" Database__Provider=Postgres ConnectionStrings__Trellis="${PGCONN[$v]}" \
        ConnectionStrings__TrellisAdmin="${PGADMIN[$v]}" Trellis__DataDirectory="$WORK/pg2-$v"
      ready_app "pg2_$v" "$p"
      port; p1=$PORT; port; p2=$PORT
      upstreams+="upstream one_$v { least_conn; server 127.0.0.1:${NODE1[$v]}; keepalive 64; }
    upstream two_$v { least_conn; server 127.0.0.1:${NODE1[$v]}; server 127.0.0.1:$p; keepalive 64; }
    "
      servers+="server { listen 127.0.0.1:$p1; server_name one_$v; location / { proxy_pass http://one_$v; include $WORK/proxy.conf; } }
    server { listen 127.0.0.1:$p2; server_name two_$v; location / { proxy_pass http://two_$v; include $WORK/proxy.conf; } }
    "
      one+=("$v@http://127.0.0.1:$p1"); two+=("$v@http://127.0.0.1:$p2")
      CPU_PIDS["$v@http://127.0.0.1:$p1"]=$(eval "echo \$PID_pg1_$v")
      CPU_PIDS["$v@http://127.0.0.1:$p2"]="$(eval "echo \$PID_pg1_$v \$PID_pg2_$v")"
    done
    mkdir -p "$WORK/nginx"
    cat >"$WORK/proxy.conf" <<'EOF'
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
EOF
    cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    $upstreams
    $servers
}
EOF
    "$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK/nginx" >/dev/null 2>&1 || { "$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK/nginx"; die "nginx configuration refused"; }
    "$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx" &
    PIDS+=($!)
    sleep 1
    log "PostgreSQL: audited reads through nginx, one node and two nodes"
    for conns in $CONNECTIONS; do
      [ "$conns" -lt 8 ] && continue
      for spec in "${AUDITED_READS[@]}"; do
        for i in "${!one[@]}"; do
          measure postgres "nginx, 1 node" "$spec" "$conns" "${one[$i]}"
          measure postgres "nginx, 2 nodes" "$spec" "$conns" "${two[$i]}"
        done
      done
    done
  fi
fi

# ---- report --------------------------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(. /etc/os-release && echo "$PRETTY_NAME"); .NET $(dotnet --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "wrk ${DURATION}s per measurement; ratio = the app's requests/s over the ceiling's, measured just before it at the same connections;"
echo "app CPU ms/request = CPU time of the app's process(es) during the measurement over the requests served (PostgreSQL's and nginx's not counted)."
echo
column -t -s $'\t' "$RESULTS"
