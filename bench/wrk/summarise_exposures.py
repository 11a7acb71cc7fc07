#!/usr/bin/env python3
"""Summarises bench/wrk/exposures.sh result lines (JSON, one per wrk run): per mode and variant the medians over
rounds, and per round the ratio of each variant to its build's exposures-off host measured in the same round, with their
median ("before" is compared with "before_off" when the run had that host, else with "off"; "off2", a second
exposures-off host of the same build, with "off"). Lines from runs that recorded the thread pool's and the GC's threads
also get those columns. Then, per mode, each ratio's geometric mean over rounds with a 95 % bootstrap interval
(rounds resampled), next to the null ratio off2 / off when the run had that host: how far apart two identical hosts
measure, which the real ratio has to stand out of; with each ratio's one-sided 95 % upper bound (what "at most x" can be
claimed with 95 % confidence). With a before build measured in the same rounds, the host CPU per request of this build
less the before build's, exposures off and on, paired by round (what changed on the read path besides the exposure).
Runs whose lines name the host process (exposures.sh with rotating roles) also get the null split by which of the two
identical processes played "off": a process that measures differently shows as null ratios on either side of 1.
Several files are pooled: their rounds count as separate rounds.
Usage: bench/wrk/summarise_exposures.py RESULTS.jsonl [MORE.jsonl ...]"""
import json
import math
import random
import statistics
import sys
from collections import defaultdict

runs = [dict(json.loads(line), round=(n, json.loads(line)["round"])) for n, path in enumerate(sys.argv[1:]) for line in open(path) if line.strip()]
by = defaultdict(dict)
for r in runs:
    by[(r["mode"], r["round"])][r["label"]] = r
modes = sorted({r["mode"] for r in runs}, key=lambda m: (m != "saturated", m))
labels = [l for l in ("off", "on", "before_off", "before", "off2") if any(r["label"] == l for r in runs)]
base_of = {"on": "off", "before": "before_off" if "before_off" in labels else "off", "off2": "off"}
threads = all("pool_threads_cpu_s" in r for r in runs)


def med(values):
    return statistics.median(values) if values else float("nan")


def interval(values, statistic, draws=10_000, level=0.95):
    """Percentile interval (95 % unless told) of the statistic over rounds drawn with replacement (fixed seed: reruns
    agree); the upper end of the 90 % one is the one-sided 95 % upper bound."""
    rng = random.Random(18)
    drawn = sorted(statistic(rng.choices(values, k=len(values))) for _ in range(draws))
    tail = (1 - level) / 2
    return drawn[int(tail * draws)], drawn[int((1 - tail) * draws) - 1]


def mean_interval(values):
    """Mean with its 95 % bootstrap interval."""
    return (statistics.fmean(values), *interval(values, statistics.fmean))


def paired_rounds(mode, label, base):
    """(label's run, base's run) of each round of this mode that has both, in round order."""
    return [(by[(m, rnd)][label], by[(m, rnd)][base]) for (m, rnd) in sorted(by)
            if m == mode and label in by[(m, rnd)] and base in by[(m, rnd)]]

def cpu_less_per_request(mode, label, base):
    """Host CPU per request (µs) of `label`'s host less `base`'s, per round."""
    return [1e6 * (r["host_cpu_s"] / r["requests"] - b["host_cpu_s"] / b["requests"]) for r, b in paired_rounds(mode, label, base)]


def signed_mean_cell(values):
    """Mean with its 95 % interval, then (next column) in how many rounds the value was below 0."""
    mean, low, high = mean_interval(values)
    return f"{mean:+.1f} µs [{low:+.1f}, {high:+.1f}] | {sum(x < 0 for x in values)} of {len(values)}"



print("| mode | variant | rounds | req/s | p50 | p99 | p99.9 | host CPU per request | of it librdkafka | of it stream threads "
      + ("| of it thread pool | of it GC threads " if threads else "")
      + "| mock process CPU per request | compared with | p50 / it | p99 / it (median of rounds; each round) | req/s / it |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " + ("---: | ---: | " if threads else "") + "---: | --- | ---: | ---: | ---: |")
for mode in modes:
    rounds = sorted(rnd for (m, rnd) in by if m == mode)
    for label in labels:
        rs = [by[(mode, rnd)][label] for rnd in rounds if label in by[(mode, rnd)]]
        if not rs:
            continue
        per_req = lambda key: med([1e6 * r[key] / r["requests"] for r in rs if r[key] is not None])  # null: a negative difference
        base = base_of.get(label, label)
        pairs = paired_rounds(mode, label, base)
        ratios = [r["p99_us"] / b["p99_us"] for r, b in pairs]
        p50_ratios = [r["p50_us"] / b["p50_us"] for r, b in pairs]
        rps_ratios = [r["rps"] / b["rps"] for r, b in pairs]
        thread_columns = f"| {per_req('pool_threads_cpu_s'):.0f} µs | {per_req('gc_threads_cpu_s'):.0f} µs " if threads else ""
        print(f"| {mode} | {label} | {len(rs)} | {med([r['rps'] for r in rs]):,.0f} | {med([r['p50_us'] for r in rs]) / 1000:.2f} ms "
              f"| {med([r['p99_us'] for r in rs]) / 1000:.2f} ms | {med([r['p999_us'] for r in rs]) / 1000:.2f} ms "
              f"| {per_req('host_cpu_s'):.0f} µs | {per_req('librdkafka_threads_cpu_s'):.0f} µs | {per_req('stream_threads_cpu_s'):.0f} µs "
              f"{thread_columns}| {per_req('mock_process_cpu_s'):.0f} µs | {base} | {med(p50_ratios):.2f}x | {med(ratios):.2f}x ({', '.join(f'{x:.2f}' for x in ratios)}) "
              f"| {med(rps_ratios):.2f}x |")
print("\nHost CPU per request the exposures add (each build's exposures-on host less the exposures-off host it is compared "
      "with, per round; median of rounds, each round in brackets; then the mean with its 95 % bootstrap interval):\n")
print("| mode | " + " | ".join(f"{label} less {base_of[label]}" for label in ("on", "before", "off2") if label in labels) + " |")
print("| --- | " + " | ".join("---:" for label in ("on", "before", "off2") if label in labels) + " |")
added_by = {}
for mode in modes:
    cells = []
    for label in ("on", "before", "off2"):
        if label not in labels:
            continue
        base = base_of[label]
        added = cpu_less_per_request(mode, label, base)
        mean, low, high = mean_interval(added)
        cells.append(f"{med(added):.0f} µs ({', '.join(f'{x:.0f}' for x in added)}); mean {mean:.1f} [{low:.1f}, {high:.1f}]")
        added_by[(mode, label)] = added
    print(f"| {mode} | " + " | ".join(cells) + " |")

if "before" in labels:
    print("\nWhat this build's exposures add less what the before build's add, paired by round: mean [95 % bootstrap interval], "
          "and in how many rounds this build's was lower:\n")
    print("| mode | on less off, less before less before_off | rounds lower |")
    print("| --- | ---: | ---: |")
    for mode in modes:
        paired = [a - b for a, b in zip(added_by[(mode, "on")], added_by[(mode, "before")])]
        print(f"| {mode} | {signed_mean_cell(paired)} |")

if "before" in labels and "before_off" in labels:
    print("\nHost CPU per request of this build less the before build's, paired by round: mean [95 % bootstrap interval], and in "
          "how many rounds this build's was lower:\n")
    print("| mode | off less before_off | rounds lower | on less before | rounds lower |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for mode in modes:
        cells = [signed_mean_cell(cpu_less_per_request(mode, label, base))
                 for label, base in (("off", "before_off"), ("on", "before"))]
        print(f"| {mode} | " + " | ".join(cells) + " |")


def geomean(values):
    return math.exp(statistics.fmean(math.log(v) for v in values))


compared = [label for label in ("on", "before", "off2") if label in labels]
print("\np99 / the exposures-off host of the same round: geometric mean over rounds [95 % bootstrap interval] (min-max of "
      "rounds; one-sided 95 % upper bound); off2 / off is the null, two identical hosts:\n")
print("| mode | " + " | ".join(f"{label} / {base_of[label]}" for label in compared) + " |")
print("| --- | " + " | ".join("---" for _ in compared) + " |")
for mode in modes:
    cells = []
    for label in compared:
        base = base_of[label]
        ratios = [r["p99_us"] / b["p99_us"] for r, b in paired_rounds(mode, label, base)]
        low, high = interval(ratios, geomean)
        upper = interval(ratios, geomean, level=0.90)[1]
        cells.append(f"{geomean(ratios):.2f}x [{low:.2f}, {high:.2f}] ({min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} rounds; "
                     f"at most {upper:.2f}x)")
    print(f"| {mode} | " + " | ".join(cells) + " |")
if "off2" in labels:
    print("\nWhat the null says the rounds can resolve: the standard deviation of log(off2 / off) over rounds, and the rounds a "
          "geometric mean needs for its 95 % interval to be within ±10 % (1.96 sd / sqrt(n) <= log 1.10):\n")
    print("| mode | sd of log(off2 / off) | rounds for ±10 % |")
    print("| --- | ---: | ---: |")
    for mode in modes:
        logs = [math.log(r["p99_us"] / b["p99_us"]) for r, b in paired_rounds(mode, "off2", "off")]
        sd = statistics.stdev(logs) if len(logs) > 1 else float("nan")
        print(f"| {mode} | {sd:.2f} | {math.ceil((1.96 * sd / math.log(1.10)) ** 2) if sd == sd else 'n/a'} |")
if "off2" in labels and all("host" in r for r in runs):
    print("\nThe null split by which process played \"off\" (exposures.sh swaps the two every other round): geometric mean of "
          "off2 / off [95 % bootstrap interval], rounds:\n")
    print("| mode | process \"off\" as off | process \"off2\" as off |")
    print("| --- | --- | --- |")
    for mode in modes:
        cells = []
        for yardstick in ("off", "off2"):
            ratios = [r["p99_us"] / b["p99_us"] for r, b in paired_rounds(mode, "off2", "off") if b["host"] == yardstick]
            if ratios:
                low, high = interval(ratios, geomean)
                cells.append(f"{geomean(ratios):.2f}x [{low:.2f}, {high:.2f}], {len(ratios)}")
            else:
                cells.append("-")
        print(f"| {mode} | " + " | ".join(cells) + " |")
loads = [r["load1"] for r in runs]
print(f"\nload average (1 min) at the runs' start: {min(loads)} to {max(loads)}, median {med(loads):.1f}")
