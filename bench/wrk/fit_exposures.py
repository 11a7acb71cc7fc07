#!/usr/bin/env python3
"""How the host CPU exposures add splits into work per second and work per exposure, from a bench/wrk/exposures.sh JSONL.
Per round and mode, the exposures-on host's CPU per request less the exposures-off host's, by thread group (librdkafka's
rdk:* threads with the in-process mock broker, the stream threads, the thread pool, the GC's threads, and the rest of
the host); the median over rounds, times the on host's median requests/s, fitted over the modes as
added ms/s = a + b * requests/s (least squares): a is work per second whatever the rate, b work per request.
With three modes (saturated, paced 2 and 4 ms) the fit has one degree of freedom: a rough split, not a model.
With a "before" host (RECO_BEFORE), also each thread group's CPU per request on this build's exposures-on host and on the
before host, medians of rounds, and in how many rounds this build's was lower (paired by round).
Usage: bench/wrk/fit_exposures.py RESULTS.jsonl"""
import collections
import json
import statistics
import sys

GROUPS = ["host_cpu_s", "librdkafka_threads_cpu_s", "stream_threads_cpu_s", "pool_threads_cpu_s", "gc_threads_cpu_s"]


def per_request(line, key):
    return line[key] / line["requests"] * 1e6


def main(path):
    rounds = collections.defaultdict(dict)
    for line in map(json.loads, open(path)):
        rounds[(line["round"], line["mode"])][line["label"]] = line
    points = collections.defaultdict(list)
    for mode in sorted({m for _, m in rounds}, key=lambda m: (m != "saturated", m)):
        rates, added = [], collections.defaultdict(list)
        for (_, m), hosts in rounds.items():
            if m != mode or "on" not in hosts or "off" not in hosts:
                continue
            on, off = hosts["on"], hosts["off"]
            if any(h[k] is None for h in (on, off) for k in GROUPS):
                continue
            rates.append(on["rps"])
            for key in GROUPS:
                added[key].append(per_request(on, key) - per_request(off, key))
            added["rest"].append(added["host_cpu_s"][-1] - sum(added[k][-1] for k in GROUPS[1:]))
        if not rates:
            continue
        rate = statistics.median(rates)
        print(f"{mode} (on: {rate:,.0f} req/s, {len(rates)} rounds): added µs per request, median of rounds: "
              + ", ".join(f"{k.replace('_cpu_s', '')} {statistics.median(v):.1f}" for k, v in added.items()))
        for key, values in added.items():
            points[key].append((rate, statistics.median(values) * rate / 1e3))
    print("added ms/s = a + b * requests/s, least squares over the modes:")
    for key, pts in points.items():
        mean_x = sum(x for x, _ in pts) / len(pts)
        mean_y = sum(y for _, y in pts) / len(pts)
        b = sum((x - mean_x) * (y - mean_y) for x, y in pts) / sum((x - mean_x) ** 2 for x, _ in pts)
        print(f"  {key.replace('_cpu_s', ''):18s} a = {mean_y - b * mean_x:6.1f} ms/s, b = {b * 1e3:5.2f} µs per request")
    if any("before" in hosts for hosts in rounds.values()):
        print("exposures on, µs per request by thread group: this build / before (median of rounds; rounds this build's was lower):")
        for mode in sorted({m for _, m in rounds}, key=lambda m: (m != "saturated", m)):
            pairs = [(h["on"], h["before"]) for (_, m), h in rounds.items() if m == mode and "on" in h and "before" in h]
            cells = []
            for key in GROUPS:
                usable = [(a, b) for a, b in pairs if a[key] is not None and b[key] is not None]
                mine = [per_request(a, key) for a, _ in usable]
                theirs = [per_request(b, key) for _, b in usable]
                lower = sum(x < y for x, y in zip(mine, theirs))
                cells.append(f"{key.replace('_cpu_s', '')} {statistics.median(mine):.1f} / {statistics.median(theirs):.1f} ({lower} of {len(usable)})")
            print(f"  {mode}: " + "; ".join(cells))


if __name__ == "__main__":
    main(sys.argv[1])
