#!/usr/bin/env bash
# Where the CPU that exposure logging adds goes, frame by frame: two hosts side by side, exposures on and off, seeded
# alike and run with the runtime's perf map, then wrk against one while the other idles (16 connections, 14 s; paced
# with RECO_DELAY_MS=N, saturated with 0), alternately for several rounds, each run sampled by Linux perf on CPU time
# (`perf record -F RECO_PERF_HZ -g` over 10 s of it) and folded by thread group and frame
# (bench/profile/perf_threads.py collapse). Then per round and summed over the rounds, the µs of CPU per request of each
# thread group and the frames of the thread pool that differ most, on less off (perf_threads.py diff).
# Needs perf (linux-perf) and permission to sample the host (root, or kernel.perf_event_paranoid <= 1).
# Usage: bench/wrk/perf-exposures.sh PORT OUT_DIR [rounds]   (PORT and PORT+1; rounds default 2)
#   RECO_TOGETHER=1: wrk and perf on both hosts at once instead of one after the other (on a shared machine, the other
#   load then weighs on both alike; each host gets about half the cores)
#   RECO_HOST_ENV: settings (NAME=VALUE ...) both hosts get, e.g. DOTNET_ThreadPool_ForceMaxWorkerThreads=4
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source bench/wrk/host.sh
port=$1 out=$2 rounds=${3:-2}
hz=${RECO_PERF_HZ:-1999}
export RECO_DELAY_MS=${RECO_DELAY_MS:-2}
mkdir -p "$out"
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export RECOSTREAMS__Jwt__HmacSecret="$secret" RECOSTREAMS__RateLimit__PermitLimit=1000000000
# JIT-compiled frames get names from /tmp/perf-PID.map; without W^X double mapping perf sees the code where it runs.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
read -ra host_env <<< "${RECO_HOST_ENV:-}"
for setting in "${host_env[@]}"; do export "${setting?}"; done
RECOSTREAMS__Experiments__LogExposures=true start_host on "$port"
RECOSTREAMS__Experiments__LogExposures=false start_host off "$((port + 1))"
trap 'for p in $host_pid_on $host_pid_off; do kill $p 2>/dev/null; wait $p 2>/dev/null || true; done; rm -rf "$host_data_on" "$host_data_off" /tmp/perf-$host_pid_on.map /tmp/perf-$host_pid_off.map' EXIT
token=$(admin_token "$secret")
export RECO_TOKEN="$token" RECO_USERS=1000
seed_host "$port" "$(embedded_bootstrap on)" "$token" "$host_pid_on"
seed_host "$((port + 1))" "$(embedded_bootstrap off)" "$token" "$host_pid_off"
for p in "$port" "$((port + 1))"; do wrk -t1 -c16 -d5s -s bench/wrk/recommendations.lua "http://127.0.0.1:$p" >/dev/null; done  # warm-up
echo "# perf -F $hz over 10 s of wrk -t1 -c16 -d14s, paced ${RECO_DELAY_MS} ms (0: saturated); ${RECO_HOST_ENV:-}; load before: $(uptime)" | tee "$out/runs.txt"
# sample NAME ROUND: wrk against the host and perf over 10 s of it (in the background with RECO_TOGETHER=1).
sample() {
  local name=$1 round=$2 pid_var="host_pid_$1" p=$port pid load cpu0 cpu1 rps requests workers
  pid=${!pid_var}
  [ "$name" = off ] && p=$((port + 1))
  RECO_LABEL="$name" wrk -t1 -c16 -d14s -s bench/wrk/recommendations.lua "http://127.0.0.1:$p" > "$out/wrk-$name.txt" &
  load=$!
  sleep 2
  cpu0=$(cpu_ticks "$pid")
  perf record -q -F "$hz" -g -p "$pid" -o "$out/perf-$name.data" -- sleep 10 2>/dev/null
  cpu1=$(cpu_ticks "$pid")
  workers=$(grep -l "^.NET TP Worker" /proc/"$pid"/task/*/comm 2>/dev/null | wc -l)
  wait $load
  rps=$(sed -n 's/^result .*"rps":\([0-9.]*\).*/\1/p' "$out/wrk-$name.txt")
  requests=$(awk -v r="$rps" 'BEGIN { printf "%d", r * 10 }')
  perf script -i "$out/perf-$name.data" -F comm,tid,period,event,ip,sym,dso 2>/dev/null \
    | python3 bench/profile/perf_threads.py collapse > "$out/round$round-$name.folded"
  echo "round $round $name requests $requests rps $rps host_cpu_s $(awk -v t=$((cpu1 - cpu0)) -v h="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / h }') pool_workers $workers load $(cut -d' ' -f1 /proc/loadavg) $(grep '^result ' "$out/wrk-$name.txt")" >> "$out/runs.txt"
}
for round in $(seq 1 "$rounds"); do
  if [ "${RECO_TOGETHER:-0}" = "1" ]; then
    # Both hosts under load at once: whatever else runs on the machine weighs on both alike.
    sample on "$round" & first=$!
    sample off "$round"
    wait $first
  else
    # Alternate which host runs first.
    order="on off"; (( round % 2 == 0 )) && order="off on"
    for name in $order; do sample "$name" "$round"; done
  fi
  tail -2 "$out/runs.txt"
done
rm -f "$out"/perf-*.data* "$out"/wrk-*.txt
# Summed over the rounds.
for name in on off; do
  cat "$out"/round*-"$name".folded > "$out/all-$name.folded"
  awk -v n="$name" '$1 == "round" && $3 == n { s += $5 } END { print s }' "$out/runs.txt" > "$out/all-$name.requests"
done
python3 bench/profile/perf_threads.py diff "$out/all-on.folded:$(cat "$out/all-on.requests")" "$out/all-off.folded:$(cat "$out/all-off.requests")" --top 40 \
  | tee "$out/diff.txt"
