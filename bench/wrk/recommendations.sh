#!/usr/bin/env bash
# GET /recommendations/{userId} under wrk on loopback, cached list path: starts the host (Release,
# embedded mock cluster), seeds a synthetic catalog and events so users have stored lists, then runs wrk
# at a few connection counts. The host and wrk share the machine's cores.
# Usage: bench/wrk/recommendations.sh [duration-seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source bench/wrk/host.sh
duration=${1:-15}
port=${RECO_PORT:-18080}
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export RECOSTREAMS__Jwt__HmacSecret="$secret"
# RECO_EXPOSURES=0: serve without publishing exposures (Experiments:LogExposures=false), to isolate their cost.
if [ "${RECO_EXPOSURES:-1}" = "0" ]; then export RECOSTREAMS__Experiments__LogExposures=false; fi
# Per-user limit raised: every request carries the same admin subject.
export RECOSTREAMS__RateLimit__PermitLimit=1000000000

dotnet build -c Release bench/RecoStreams.Bench -v q >/dev/null  # builds src/QueryApi too
start_host main "$port"
host=$host_pid_main
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$host_data_main"' EXIT
token=$(admin_token "$secret")
export RECO_TOKEN="$token" RECO_USERS=1000
seed_host "$port" "$(embedded_bootstrap main)" "$token" "$host"

echo "load before: $(uptime)"
wrk -t1 -c16 -d5s -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" >/dev/null  # warm-up
for connections in 16 64; do
  echo "== wrk -t1 -c$connections -d${duration}s"
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/wrk/recommendations.lua "http://127.0.0.1:$port"
done
echo "load after: $(uptime)"
