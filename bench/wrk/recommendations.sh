#!/usr/bin/env bash
# GET /recommendations/{userId} under wrk on loopback, cached list path: starts the host (Release,
# embedded mock cluster), seeds a synthetic catalog and events so users have stored lists, then runs wrk
# at a few connection counts. The host and wrk share the machine's cores.
# Usage: bench/wrk/recommendations.sh [duration-seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
duration=${1:-15}
port=${RECO_PORT:-18080}
data=$(mktemp -d)
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export RECOSTREAMS__Jwt__HmacSecret="$secret"
# RECO_EXPOSURES=0: serve without publishing exposures (Experiments:LogExposures=false), to isolate their cost.
if [ "${RECO_EXPOSURES:-1}" = "0" ]; then export RECOSTREAMS__Experiments__LogExposures=false; fi
# Per-user limit raised: every request carries the same admin subject.
export RECOSTREAMS__RateLimit__PermitLimit=1000000000

dotnet build -c Release bench/RecoStreams.Bench -v q >/dev/null  # builds src/QueryApi too
dotnet src/QueryApi/bin/Release/net10.0/RecoStreams.QueryApi.dll run --data-dir "$data" --urls "http://127.0.0.1:$port" > "$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  grep -q "RecoStreams query API listening" "$data/host.log" && break
  sleep 0.5
done
bootstrap=$(sed -n 's/^Kafka: \([^ ]*\) (embedded mock cluster).*/\1/p' "$data/host.log")

token=$(python3 - "$secret" <<'PY'
import base64, hashlib, hmac, json, sys, time
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"sub": "bench-admin", "role": ["admin"], "iat": int(time.time()), "exp": int(time.time()) + 3600}).encode())
signature = b64(hmac.new(sys.argv[1].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
print(f"{header}.{claims}.{signature}")
PY
)
export RECO_TOKEN="$token" RECO_USERS=1000
dotnet bench/RecoStreams.Bench/bin/Release/net10.0/RecoStreams.Bench.dll seed --bootstrap-servers "$bootstrap" \
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

# The cached list path: wait until the topology has worked through the seed (host under 20% of a core
# over 2 s), so wrk measures serving, not serving next to recomputation.
ticks() { awk '{print $14 + $15}' "/proc/$host/stat"; }
hz=$(getconf CLK_TCK)
wait_idle() {
  for _ in $(seq 1 90); do
    before=$(ticks); sleep 2; after=$(ticks)
    [ $((after - before)) -lt $((hz * 2 / 5)) ] && break
  done
  echo "host idle (used $(( (after - before) * 100 / (hz * 2) ))% of a core over the last 2 s)"
}
wait_idle
# Lists computed during the seed may predate item popularity (and so be short); recompute every user now,
# so each run serves full lists whatever the timing of the seed was.
curl -s -o /dev/null -w "backfill: %{http_code}\n" -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/backfill?rate=5000"
sleep 2
wait_idle
echo "sample after backfill: $(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/recommendations/user-1" | head -c 200)"
echo "load before: $(uptime)"
wrk -t1 -c16 -d5s -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" >/dev/null  # warm-up
for connections in 16 64; do
  echo "== wrk -t1 -c$connections -d${duration}s"
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/wrk/recommendations.lua "http://127.0.0.1:$port"
done
echo "load after: $(uptime)"
