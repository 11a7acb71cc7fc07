#!/usr/bin/env bash
# Profiles the read path under wrk (16 connections, 15 s; saturated, or paced with RECO_DELAY_MS=N: N ms between a
# response and the connection's next request): one host (exposures on or off, inside RECO_EXPERIMENT's experiment when
# set), dotnet-trace's sampled thread time over 10 s of the run, then bench/wrk/trace_breakdown.py on it (with its top
# frames), and per thread name the CPU and the context switches (voluntary: the thread slept and was woken; forced:
# preempted) over the run, per request and per second; then a second run of the same load under dotnet-counters
# (System.Runtime: GC, allocation, thread pool). RECO_NO_TRACE=1 leaves dotnet-trace out (it samples every thread,
# which adds switches of its own).
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
pacing=${RECO_DELAY_MS:-0}
export RECO_DELAY_MS=$pacing
# tid, name, CPU ticks and voluntary and forced context switches of each thread; the CPU from the fields after the
# name, which may hold spaces (".NET TP Worker").
threads() {
  for t in /proc/"$host_pid_p"/task/*; do
    echo "$(basename "$t") $(tr ' ' '_' < "$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')" \
      "$(awk '/^voluntary_ctxt_switches/ {v = $2} /^nonvoluntary_ctxt_switches/ {n = $2} END {print v, n}' "$t/status")"
  done 2>/dev/null
}
threads > "$out/threads-before.txt"
total0=$(cpu_ticks "$host_pid_p")
RECO_LABEL="exposures-$log_exposures" wrk -t1 -c16 -d15s --latency -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" > "$out/wrk.txt" &
load=$!
sleep 2
[ -n "${RECO_NO_TRACE:-}" ] || "$trace_tool" collect -p "$host_pid_p" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$out/trace.nettrace" > /dev/null
wait $load
total1=$(cpu_ticks "$host_pid_p")
threads > "$out/threads-after.txt"
[ -n "${RECO_NO_TRACE:-}" ] || "$trace_tool" convert "$out/trace.nettrace" --format Speedscope -o "$out/trace" > /dev/null
RECO_LABEL="exposures-$log_exposures-counters" wrk -t1 -c16 -d12s -s bench/wrk/recommendations.lua "http://127.0.0.1:$port" > "$out/wrk-counters.txt" &
load=$!
sleep 1
"$counters_tool" collect -p "$host_pid_p" --counters System.Runtime --refresh-interval 1 --duration 00:00:00:10 --format csv \
  -o "$out/counters.csv" > /dev/null
wait $load
{
  echo "# wrk -t1 -c16 -d15s, $( ((pacing > 0)) && echo "paced ${pacing} ms" || echo saturated), exposures $log_exposures${RECO_EXPERIMENT:+, inside a two-variant experiment}; load before: $(uptime)"
  grep '^result ' "$out/wrk.txt"
  echo "# host CPU over the run: $(awk -v t=$((total1 - total0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }') s; by thread name (threads alive at the end):"
  python3 - "$out" "$(getconf CLK_TCK)" <<'PY'
import json, re, sys, collections
out, hz = sys.argv[1], int(sys.argv[2])
result = json.loads(re.search(r"^result (.*)$", open(out + "/wrk.txt").read(), re.M).group(1))
requests, seconds = result["requests"], result["seconds"]
def load(path):
    return {f[0]: (f[1], int(f[2]), int(f[3]), int(f[4])) for f in (l.split() for l in open(path)) if len(f) == 5}
before, after = load(out + "/threads-before.txt"), load(out + "/threads-after.txt")
used = collections.defaultdict(lambda: [0, 0, 0, 0])
for tid, (name, ticks, voluntary, forced) in after.items():
    _, ticks0, voluntary0, forced0 = before.get(tid, (name, 0, 0, 0))
    row = used[name]
    row[0] += ticks - ticks0; row[1] += voluntary - voluntary0; row[2] += forced - forced0; row[3] += 1
total = [sum(r[i] for r in used.values()) for i in range(3)]
print(f"  {'thread':28s} {'n':>3s} {'CPU s':>7s} {'CPU/req':>9s} {'woken/s':>9s} {'woken/req':>9s} {'forced/s':>9s}")
for name, (ticks, voluntary, forced, n) in sorted(used.items(), key=lambda kv: (-kv[1][0], -kv[1][1])):
    if ticks or voluntary > seconds:
        print(f"  {name:28s} {n:3d} {ticks / hz:7.2f} {ticks / hz / requests * 1e6:7.1f}us {voluntary / seconds:9.0f} {voluntary / requests:9.3f} {forced / seconds:9.0f}")
print(f"  {'all':28s} {len(after):3d} {total[0] / hz:7.2f} {total[0] / hz / requests * 1e6:7.1f}us {total[1] / seconds:9.0f} {total[1] / requests:9.3f} {total[2] / seconds:9.0f}")
PY
  if [ -z "${RECO_NO_TRACE:-}" ]; then
    echo "# dotnet-trace, sampled thread time over 10 s of the run:"
    python3 bench/wrk/trace_breakdown.py "$out"/trace.speedscope.json --top "${RECO_TOP_FRAMES:-12}"
  fi
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
