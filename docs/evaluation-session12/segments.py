"""Paired NDCG@10 differences of two systems by the user's total ratings, from `evaluate --per-user` CSVs (any protocol).

python3 segments.py RATINGS_CSV PER_USER_A SYSTEM_A PER_USER_B SYSTEM_B
"""
import collections
import csv
import math
import statistics
import sys


def per_user(path, system, k=10):
    with open(path, newline="") as f:
        return {r["user"]: float(r["ndcg"]) for r in csv.DictReader(f) if r["system"] == system and int(r["k"]) == k}


def main(ratings_path, a_path, a_system, b_path, b_system):
    totals = collections.Counter()
    with open(ratings_path, newline="") as f:
        for r in csv.DictReader(f):
            totals[r["userId"]] += 1
    a, b = per_user(a_path, a_system), per_user(b_path, b_system)
    users = sorted(set(a) & set(b))
    segments = [
        ("all", lambda n: True),
        ("< 100 ratings", lambda n: n < 100),
        ("100-299", lambda n: 100 <= n < 300),
        ("300-999", lambda n: 300 <= n < 1000),
        (">= 1,000", lambda n: n >= 1000),
    ]
    print(f"| segment (total ratings) | users | {a_system} | {b_system} | paired difference ± se | users whose value differs |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for name, test in segments:
        us = [u for u in users if test(totals[u])]
        if not us:
            continue
        d = [a[u] - b[u] for u in us]
        se = statistics.stdev(d) / math.sqrt(len(d)) if len(d) > 1 else float("nan")
        differ = sum(1 for x in d if x != 0)
        print(f"| {name} | {len(us)} | {statistics.mean(a[u] for u in us):.4f} | {statistics.mean(b[u] for u in us):.4f} "
              f"| {statistics.mean(d):+.4f} ± {se:.4f} | {differ} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
