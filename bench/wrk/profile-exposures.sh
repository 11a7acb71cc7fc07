#!/usr/bin/env bash
# Profiles the read path under wrk (saturated, 16 connections, 15 s): one host (exposures on or off, inside
# RECO_EXPERIMENT's experiment when set), dotnet-trace's sampled thread time over 10 s of the run, then
# bench/wrk/trace_breakdown.py on it (with its top frames), and the CPU each long-lived thread (by name) used over
# the run; then a second run of the same load under dotnet-counters (System.Runtime: GC, allocation, thread pool).
# Needs dotnet-trace and dotnet-counters (dotnet tool install -g dotnet-trace / dotnet-counters).
# Usage: bench/wrk/profile-exposures.sh PORT true|false OUT_DIR [CHECKOUT]   (CHECKOUT: a built other checkout)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source bench/wrk/host.sh
port=$1 log_exposures=$2 out=$3 checkout=${4:-$root}
trace_tool=${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}
counters_tool=${DOTNET_COUNTERS:-$HOME/.dotnet/tools/dotnet-counters}
mkdir -p "$out"
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export RECOSTREAMS__Jwt__HmacSecret="$secret" RECOSTREAMS__RateLimit__PermitLimit=1000000000
RECOSTREAMS__Experiments__LogExposures=$log_exposures start_host p "$port" "" "$checkout"
trap 'kill $host_pid_p 2>/dev/null; wait $host_pid_p 2>/dev/null; rm -rf "$host_data_p"' EXIT
token=$(admin_token "$secret")
export RECO_TOKEN="$token" RECO_USERS=1000
seed_host "$port" "$(embedded_bootstrap p)" "$token" "$host_pid_p"
wrk -t1 -c16 -d5s -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" >/dev/null  # warm-up
# tid, name and CPU ticks of each thread; the fields after the name, which may hold spaces (".NET TP Worker").
threads() { for t in /proc/"$host_pid_p"/task/*; do echo "$(basename "$t") $(tr ' ' '_' < "$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"; done; }
threads > "$out/threads-before.txt"
total0=$(cpu_ticks "$host_pid_p")
RECO_LABEL="exposures-$log_exposures" wrk -t1 -c16 -d15s --latency -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" > "$out/wrk.txt" &
load=$!
sleep 2
"$trace_tool" collect -p "$host_pid_p" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$out/trace.nettrace" > /dev/null
wait $load
total1=$(cpu_ticks "$host_pid_p")
threads > "$out/threads-after.txt"
"$trace_tool" convert "$out/trace.nettrace" --format Speedscope -o "$out/trace" > /dev/null
RECO_LABEL="exposures-$log_exposures-counters" wrk -t1 -c16 -d12s -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" > "$out/wrk-counters.txt" &
load=$!
sleep 1
"$counters_tool" collect -p "$host_pid_p" --counters System.Runtime --refresh-interval 1 --duration 00:00:00:10 --format csv \
  -o "$out/counters.csv" > /dev/null
wait $load
{
  echo "# wrk -t1 -c16 -d15s, exposures $log_exposures${RECO_EXPERIMENT:+, inside a two-variant experiment}; load before: $(uptime)"
  grep '^result ' "$out/wrk.txt"
  echo "# host CPU over the run: $(awk -v t=$((total1 - total0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }') s; of it, long-lived threads by name (s):"
  python3 - "$out" <<'PY'
import sys, collections
load = lambda p: {tid: (name, int(t)) for tid, name, t in (l.split() for l in open(p))}
before, after = load(sys.argv[1] + "/threads-before.txt"), load(sys.argv[1] + "/threads-after.txt")
used = collections.Counter()
for tid, (name, ticks) in after.items():
    used[name] += ticks - before.get(tid, (name, 0))[1]
for name, ticks in used.most_common():
    if ticks:
        print(f"  {name:24s} {ticks / 100:6.2f}")
PY
  echo "# dotnet-trace, sampled thread time over 10 s of the run:"
  python3 bench/wrk/trace_breakdown.py "$out"/trace.speedscope.json --top "${RECO_TOP_FRAMES:-12}"
  echo "# dotnet-counters over 10 s of a second run (mean of the 1 s readings; rates per second):"
  grep '^result ' "$out/wrk-counters.txt"
  python3 - "$out/counters.csv" <<'PY'
import csv, sys, collections
readings = collections.defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    try:
        readings[row["Counter Name"]].append(float(row["Mean/Increment"]))
    except (KeyError, ValueError):
        continue
for name, values in sorted(readings.items()):
    print(f"  {name[:90]:90s} {sum(values) / len(values):14.1f}")
PY
} > "$out/summary.txt"
[ -n "${RECO_KEEP_TRACE:-}" ] || rm -f "$out"/trace.speedscope.json
rm -f "$out/trace.nettrace" "$out"/threads-*.txt "$out"/wrk*.txt "$out/counters.csv"
cat "$out/summary.txt"
