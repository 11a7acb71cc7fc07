# Sourced by the wrk scripts: start a Release host on loopback, seed it with synthetic users whose lists are
# stored, and wait until it is idle. Expects $root (the repository) and $secret (the JWT secret) to be set.

# start_host NAME PORT [BOOTSTRAP] [CHECKOUT]: starts the host in the background with the environment the caller
# exported (RECOSTREAMS__*), on the embedded mock cluster or on BOOTSTRAP, built in CHECKOUT (default $root);
# sets host_pid_NAME, host_data_NAME.
start_host() {
  local name=$1 port=$2 bootstrap=${3:-} checkout=${4:-$root} data
  data=$(mktemp -d)
  local args=(run --data-dir "$data" --urls "http://127.0.0.1:$port")
  [ -n "$bootstrap" ] && args+=(--bootstrap-servers "$bootstrap")
  dotnet "$checkout/src/QueryApi/bin/Release/net10.0/RecoStreams.QueryApi.dll" "${args[@]}" > "$data/host.log" 2>&1 &
  printf -v "host_pid_$name" '%s' $!
  printf -v "host_data_$name" '%s' "$data"
  for _ in $(seq 1 120); do
    grep -q "RecoStreams query API listening" "$data/host.log" && return 0
    sleep 0.5
  done
  echo "host $name did not start:" >&2
  tail -20 "$data/host.log" >&2
  return 1
}

# admin_token SECRET: an HS256 admin token valid for an hour.
admin_token() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, json, sys, time
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"sub": "bench-admin", "role": ["admin"], "iat": int(time.time()), "exp": int(time.time()) + 3600}).encode())
signature = b64(hmac.new(sys.argv[1].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
print(f"{header}.{claims}.{signature}")
PY
}

# cpu_ticks PID: user + system clock ticks the process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wait_idle PID: until the process used under 20% of a core over 2 s (90 tries).
wait_idle() {
  local pid=$1 hz before after
  hz=$(getconf CLK_TCK)
  for _ in $(seq 1 90); do
    before=$(cpu_ticks "$pid"); sleep 2; after=$(cpu_ticks "$pid")
    [ $((after - before)) -lt $((hz * 2 / 5)) ] && break
  done
  echo "host idle (used $(( (after - before) * 100 / (hz * 2) ))% of a core over the last 2 s)"
}

# seed_host PORT BOOTSTRAP TOKEN PID: 20,000 events over 1,000 users, lists stored and recomputed (backfill)
# once the topology has worked through the seed, and RECO_EXPERIMENT's experiment created when set.
seed_host() {
  local port=$1 bootstrap=$2 token=$3 pid=$4 body
  dotnet "$root/bench/RecoStreams.Bench/bin/Release/net10.0/RecoStreams.Bench.dll" seed --bootstrap-servers "$bootstrap" \
    --schema-registry-url "http://127.0.0.1:$port/schema-registry/" --token "$token" --events 20000 --users 1000
  # Wait until the lists are computed (the 1 s punctuator) and stored.
  for _ in $(seq 1 60); do
    body=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/recommendations/user-1")
    echo "$body" | grep -q '"cold_start":false' && echo "$body" | grep -q '"item_id"' && break
    sleep 1
  done
  echo "sample: $(echo "$body" | head -c 200)"

  # RECO_EXPERIMENT=1: serve inside a two-variant experiment whose variants change nothing (a variant with its
  # own settings or model version computes its list on read), so both serve the stored list: every request then
  # pays assignment as well as the exposure it always emits.
  if [ -n "${RECO_EXPERIMENT:-}" ]; then
    curl -s -o /dev/null -w "experiment created: %{http_code}\n" -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      "http://127.0.0.1:$port/admin/experiments" \
      -d '{"id":"bench","variants":[{"name":"control","weight":1,"control":true},{"name":"treatment","weight":1}]}'
    for _ in $(seq 1 30); do
      curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/recommendations/user-1" | grep -q '"experiment_id":"bench"' && break
      sleep 1
    done
  fi

  # The cached list path: wait until the topology has worked through the seed, so wrk measures serving, not
  # serving next to recomputation. Lists computed during the seed may predate item popularity (and so be
  # short); recompute every user now, so each run serves full lists whatever the timing of the seed was.
  wait_idle "$pid"
  curl -s -o /dev/null -w "backfill: %{http_code}\n" -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/backfill?rate=5000"
  sleep 2
  wait_idle "$pid"
  echo "sample after backfill: $(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/recommendations/user-1" | head -c 200)"
}

# embedded_bootstrap NAME: the embedded mock cluster's address from the host's log.
embedded_bootstrap() {
  local data_var="host_data_$1"
  sed -n 's/^Kafka: \([^ ]*\) (embedded mock cluster).*/\1/p' "${!data_var}/host.log"
}
