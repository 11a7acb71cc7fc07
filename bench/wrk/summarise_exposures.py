#!/usr/bin/env python3
"""Summarises bench/wrk/exposures.sh result lines (JSON, one per wrk run): per mode and variant the medians over
rounds, and per round the ratio of each variant to "off" measured in the same round, with their median.
Usage: bench/wrk/summarise_exposures.py RESULTS.jsonl"""
import json
import statistics
import sys
from collections import defaultdict

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = defaultdict(dict)
for r in runs:
    by[(r["mode"], r["round"])][r["label"]] = r
modes = sorted({r["mode"] for r in runs}, key=lambda m: (m != "saturated", m))
labels = [l for l in ("off", "on", "before") if any(r["label"] == l for r in runs)]


def med(values):
    return statistics.median(values) if values else float("nan")


print("| mode | variant | rounds | req/s | p50 | p99 | p99.9 | host CPU per request | of it librdkafka | of it stream threads | mock process CPU per request | p50 / off | p99 / off (median of rounds; each round) | req/s / off |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for mode in modes:
    rounds = sorted(rnd for (m, rnd) in by if m == mode)
    for label in labels:
        rs = [by[(mode, rnd)][label] for rnd in rounds if label in by[(mode, rnd)]]
        if not rs:
            continue
        per_req = lambda key: med([1e6 * r[key] / r["requests"] for r in rs])
        ratios = [by[(mode, rnd)][label]["p99_us"] / by[(mode, rnd)]["off"]["p99_us"] for rnd in rounds if label in by[(mode, rnd)] and "off" in by[(mode, rnd)]]
        p50_ratios = [by[(mode, rnd)][label]["p50_us"] / by[(mode, rnd)]["off"]["p50_us"] for rnd in rounds if label in by[(mode, rnd)] and "off" in by[(mode, rnd)]]
        rps_ratios = [by[(mode, rnd)][label]["rps"] / by[(mode, rnd)]["off"]["rps"] for rnd in rounds if label in by[(mode, rnd)] and "off" in by[(mode, rnd)]]
        print(f"| {mode} | {label} | {len(rs)} | {med([r['rps'] for r in rs]):,.0f} | {med([r['p50_us'] for r in rs]) / 1000:.2f} ms "
              f"| {med([r['p99_us'] for r in rs]) / 1000:.2f} ms | {med([r['p999_us'] for r in rs]) / 1000:.2f} ms "
              f"| {per_req('host_cpu_s'):.0f} µs | {per_req('librdkafka_threads_cpu_s'):.0f} µs | {per_req('stream_threads_cpu_s'):.0f} µs "
              f"| {per_req('mock_process_cpu_s'):.0f} µs | {med(p50_ratios):.2f}x | {med(ratios):.2f}x ({', '.join(f'{x:.2f}' for x in ratios)}) "
              f"| {med(rps_ratios):.2f}x |")
loads = [r["load1"] for r in runs]
print(f"\nload average (1 min) at the runs' start: {min(loads)} to {max(loads)}, median {med(loads)}")
