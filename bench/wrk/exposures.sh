#!/usr/bin/env bash
# What exposure logging costs GET /recommendations/{userId}: two hosts side by side, exposures off
# (Experiments:LogExposures=false) and on, seeded alike, then wrk against one while the other idles, for several rounds.
# Each round runs wrk at saturation and paced (fixed offered rate, see recommendations.lua); each run's line gives the
# host's CPU, the part of it in librdkafka's threads (rdk:*, which on the embedded default include the mock broker,
# rdk:mock) and in the stream threads (which consume the exposures for attribution), in the thread pool (request threads
# and the exposure writer) and in the GC's threads, and, with RECO_EXTERNAL_MOCK=1, the CPU of the mock cluster's own
# process.
# Where a host sits must not bias the ratios, so the roles rotate: the rounds are split into epochs (RECO_EPOCHS), and
# each epoch starts every host afresh with the ports and the start order shifted by one, so each role runs on a
# different port and process, started at a different place; within a round the order of the runs shifts by one each
# round and is reversed every other round (no role always runs first, or right after the same neighbour); and the
# two identical exposures-off hosts of this build swap the labels "off" and "off2" every other round, so neither
# process is always the yardstick.
# Usage: bench/wrk/exposures.sh [rounds] [seconds-per-run]   (defaults 16 and 5: what the null spread of session 9's
#   quiet run says a ±10 % interval needs, 10-13 rounds, with some to spare, in two epochs of 8)
#   RECO_PORT: first of the ports (18080), one per host; RECO_EPOCHS: how many times the hosts are started, the rounds
#   split evenly among them (2; at most the rounds); RECO_DELAYS: paced runs, ms between a response and the next request
#   per connection ("2 4"); RECO_CONNECTIONS (16); RECO_EXTERNAL_MOCK=1: each host on a mock cluster in a
#   process of its own (bench mock-cluster); RECO_RESULTS: file the JSON result lines go to; RECO_BEFORE=DIR: a
#   third host, exposures on, built (dotnet build -c Release src/QueryApi) in another checkout DIR, e.g. an
#   older commit, measured in the same rounds as "before"; with RECO_BEFORE_OFF=1 a fourth host, that build with
#   exposures off ("before_off"), so each build's on/off ratio comes from its own pair; RECO_BEFORE_ENV: settings
#   (NAME=VALUE ...) only those hosts get, e.g. RECO_BEFORE=. RECO_BEFORE_ENV=RECOSTREAMS__Some__Option=x to compare
#   one setting of this build with its default; RECO_NULL=1: one more host of this build with exposures off ("off2"),
#   measured in the same rounds, so off2 against off is the ratio two identical hosts show (the null spread the real
#   ratios must stand out of; bench/wrk/summarise_exposures.py prints both with bootstrap intervals).
# Each result line names the round (numbered across epochs), its epoch, the host process (which of the two off hosts
# played "off") and its port.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source bench/wrk/host.sh
rounds=${1:-16}
duration=${2:-5}
epochs=${RECO_EPOCHS:-2}
(( epochs >= 1 && epochs <= rounds )) || { echo "RECO_EPOCHS must be 1 to the rounds ($rounds)" >&2; exit 1; }
port=${RECO_PORT:-18080}
connections=${RECO_CONNECTIONS:-16}
delays=${RECO_DELAYS:-2 4}
results=${RECO_RESULTS:-/dev/null}
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export RECOSTREAMS__Jwt__HmacSecret="$secret"
export RECOSTREAMS__RateLimit__PermitLimit=1000000000
hz=$(getconf CLK_TCK)

dotnet build -c Release bench/RecoStreams.Bench -v q >/dev/null  # builds src/QueryApi too
pids=()
dirs=()
# stop_hosts: ends the hosts (and mock cluster processes) this script started and removes their data.
stop_hosts() {
  local p
  # A host that exits non-zero on its way down must not end the run (set -e).
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  rm -rf "${dirs[@]}"
  pids=()
  dirs=()
}
trap stop_hosts EXIT

# start_variant NAME PORT LOG_EXPOSURES [CHECKOUT]: a host (and its mock cluster process with RECO_EXTERNAL_MOCK=1).
start_variant() {
  local name=$1 variant_port=$2 bootstrap="" mock_log
  printf -v "mock_pid_$name" '%s' ""
  if [ "${RECO_EXTERNAL_MOCK:-0}" = "1" ]; then
    mock_log=$(mktemp)
    dirs+=("$mock_log")
    dotnet bench/RecoStreams.Bench/bin/Release/net10.0/RecoStreams.Bench.dll mock-cluster > "$mock_log" 2>&1 &
    pids+=($!)
    printf -v "mock_pid_$name" '%s' $!
    for _ in $(seq 1 60); do
      bootstrap=$(sed -n 's/^bootstrap servers: //p' "$mock_log")
      [ -n "$bootstrap" ] && break
      sleep 0.5
    done
    [ -n "$bootstrap" ] || { cat "$mock_log" >&2; return 1; }
  fi
  local setting own=()
  [[ $name == before* ]] && read -ra own <<< "${RECO_BEFORE_ENV:-}"
  for setting in "${own[@]}"; do export "${setting?}"; done
  RECOSTREAMS__Experiments__LogExposures=$3 start_host "$name" "$variant_port" "$bootstrap" "${4:-$root}"
  for setting in "${own[@]}"; do unset "${setting%%=*}"; done
  local pid_var="host_pid_$name" data_var="host_data_$name"
  pids+=("${!pid_var}")
  dirs+=("${!data_var}")
  [ -n "$bootstrap" ] || bootstrap=$(embedded_bootstrap "$name")
  seed_host "$variant_port" "$bootstrap" "$token" "${!pid_var}"
}

# thread_ticks PID PREFIX: CPU ticks of the process's live threads whose name starts with PREFIX (librdkafka's rdk:*,
# the stream and global threads recostreams-*, the thread pool's ".NET TP Worker", the GC's ".NET Server GC"); a
# thread that ends between two readings takes its ticks with it, so differences of these are lower bounds.
thread_ticks() {
  local total=0 comm ticks
  for task in /proc/"$1"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    [[ $comm == "$2"* ]] || continue
    # utime and stime, counted after the name, which may hold spaces.
    ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    total=$((total + ticks))
  done
  echo "$total"
}

# seconds TICKS: clock ticks as seconds with two decimals (a JSON number); null for a negative difference, which
# threads that ended between the readings (the thread pool retires idle workers) can leave.
seconds() {
  if (( $1 < 0 )); then printf 'null'; else printf '%d.%02d' $(( $1 / hz )) $(( ($1 % hz) * 100 / hz )); fi
}

# measure LABEL PROCESS MODE DELAY ROUND EPOCH: one wrk run against the host PROCESS in the role LABEL; its result line
# with the round, epoch, mode, load, host and port, and the CPU split.
measure() {
  local label=$1 name=$2 mode=$3 delay=$4 round=$5 epoch=$6 pid_var="host_pid_$2" mock_var="mock_pid_$2" variant_port
  local pid=${!pid_var} mock=${!mock_var:-} all0 rdk0 str0 pool0 gc0 mock0=0 all1 rdk1 str1 pool1 gc1 mock1=0 line load
  variant_port=$(port_of "$name" "$epoch")
  load=$(cut -d' ' -f1 /proc/loadavg)
  all0=$(cpu_ticks "$pid"); rdk0=$(thread_ticks "$pid" rdk:); str0=$(thread_ticks "$pid" recostreams-)
  pool0=$(thread_ticks "$pid" ".NET TP Worker"); gc0=$(thread_ticks "$pid" ".NET Server GC")
  [ -n "$mock" ] && mock0=$(cpu_ticks "$mock")
  line=$(RECO_LABEL="$label" RECO_DELAY_MS="$delay" wrk -t1 -c"$connections" -d"${duration}s" -s bench/wrk/recommendations.lua \
    "http://127.0.0.1:$variant_port" | grep '^result ')
  all1=$(cpu_ticks "$pid"); rdk1=$(thread_ticks "$pid" rdk:); str1=$(thread_ticks "$pid" recostreams-)
  pool1=$(thread_ticks "$pid" ".NET TP Worker"); gc1=$(thread_ticks "$pid" ".NET Server GC")
  [ -n "$mock" ] && mock1=$(cpu_ticks "$mock")
  line="{\"round\":$round,\"epoch\":$epoch,\"mode\":\"$mode\",\"host\":\"$name\",\"port\":$variant_port,\"load1\":$load"\
",\"host_cpu_s\":$(seconds $((all1 - all0))),\"librdkafka_threads_cpu_s\":$(seconds $((rdk1 - rdk0)))"\
",\"stream_threads_cpu_s\":$(seconds $((str1 - str0))),\"mock_process_cpu_s\":$(seconds $((mock1 - mock0)))"\
",\"pool_threads_cpu_s\":$(seconds $((pool1 - pool0))),\"gc_threads_cpu_s\":$(seconds $((gc1 - gc0))),${line#result \{}"
  echo "$line" | tee -a "$results"
}

token=$(admin_token "$secret")
export RECO_TOKEN="$token" RECO_USERS=1000
variants="off on"
[ -n "${RECO_BEFORE:-}" ] && variants="$variants before"
[ -n "${RECO_BEFORE:-}" ] && [ "${RECO_BEFORE_OFF:-0}" = "1" ] && variants="$variants before_off"
[ "${RECO_NULL:-0}" = "1" ] && variants="$variants off2"
read -ra hosts <<< "$variants"
count=${#hosts[@]}

# shifted N WORDS...: the words rotated left by N.
shifted() { local n=$1; shift; local words=("$@") i; for ((i = 0; i < ${#words[@]}; i++)); do printf '%s ' "${words[(i + n) % ${#words[@]}]}"; done; }
# port_of HOST EPOCH: each epoch moves every host one port on, so no role keeps a port.
port_of() {
  local i
  for ((i = 0; i < count; i++)); do [ "${hosts[i]}" = "$1" ] && break; done
  echo $((port + (i + $2) % count))
}
# process_of LABEL ROUND: the two exposures-off hosts of this build swap the roles "off" and "off2" every other round.
process_of() {
  if [ "${RECO_NULL:-0}" = "1" ] && (( $2 % 2 == 0 )); then
    case $1 in off) echo off2; return ;; off2) echo off; return ;; esac
  fi
  echo "$1"
}
# setting_of HOST: LogExposures and the checkout the host runs.
setting_of() { case $1 in off | off2) echo "false $root" ;; on) echo "true $root" ;; before) echo "true $RECO_BEFORE" ;; before_off) echo "false $RECO_BEFORE" ;; esac; }

round=0
for epoch in $(seq 0 $((epochs - 1))); do
  stop_hosts
  # Each epoch starts the hosts one place further along, each on the next port.
  for name in $(shifted "$epoch" "${hosts[@]}"); do
    read -r log_exposures checkout <<< "$(setting_of "$name")"
    start_variant "$name" "$(port_of "$name" "$epoch")" "$log_exposures" "$checkout"
  done
  for name in "${hosts[@]}"; do
    wrk -t1 -c"$connections" -d5s -s bench/wrk/recommendations.lua "http://127.0.0.1:$(port_of "$name" "$epoch")" >/dev/null  # warm-up
  done
  echo "epoch $epoch, ports: $(for name in "${hosts[@]}"; do printf '%s=%s ' "$name" "$(port_of "$name" "$epoch")"; done); load: $(uptime)"
  # This epoch's share of the rounds (the first epochs take one more when they do not divide evenly).
  for _ in $(seq 1 $(( rounds / epochs + (epoch < rounds % epochs ? 1 : 0) ))); do
    round=$((round + 1))
    # The order shifts by one each round and runs backwards every other round, so no role always runs first or
    # right after the same neighbour.
    read -ra order <<< "$(shifted $(( (round - 1) % count )) "${hosts[@]}")"
    if (( round % 2 == 0 )); then
      for ((i = 0; i < count / 2; i++)); do
        swap=${order[i]}; order[i]=${order[count - 1 - i]}; order[count - 1 - i]=$swap
      done
    fi
    for mode in saturated $delays; do
      for label in "${order[@]}"; do
        if [ "$mode" = saturated ]; then
          measure "$label" "$(process_of "$label" "$round")" saturated 0 "$round" "$epoch"
        else
          measure "$label" "$(process_of "$label" "$round")" "paced-${mode}ms" "$mode" "$round" "$epoch"
        fi
      done
    done
  done
done
echo "load after: $(uptime)"
