"""Paired NDCG@10 differences of two systems by user segment, from `evaluate --per-user` CSVs (leave-last-out).

python3 segments.py RATINGS_CSV PER_USER_A SYSTEM_A PER_USER_B SYSTEM_B
Segments are read from ratings.csv as the leave-last-out split makes them: the held-out part is each user's
latest second, the training part the ratings before it.
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
    seconds = collections.defaultdict(list)
    with open(ratings_path, newline="") as f:
        for r in csv.DictReader(f):
            seconds[r["userId"]].append(int(r["timestamp"]))
    a, b = per_user(a_path, a_system), per_user(b_path, b_system)
    users = sorted(set(a) & set(b))

    def training(u):
        times = sorted(seconds[u])
        return [t for t in times if t < times[-1]], times[-1]

    def history(u):
        return len(training(u)[0])

    def gap(u):
        train, held = training(u)
        return held - train[-1]

    def last_second(u):
        train, _ = training(u)
        return train.count(train[-1])

    def shared_in_last_50(u):
        counts = collections.Counter(training(u)[0][-50:])
        return sum(c for c in counts.values() if c > 1)

    segments = [
        ("all", lambda u: True),
        ("training history < 30 ratings", lambda u: history(u) < 30),
        ("training history 30-119", lambda u: 30 <= history(u) < 120),
        ("training history 120-299", lambda u: 120 <= history(u) < 300),
        ("training history >= 300", lambda u: history(u) >= 300),
        ("held-out second < 1 min after the last training rating", lambda u: gap(u) < 60),
        ("held-out second 1-10 min after", lambda u: 60 <= gap(u) < 600),
        ("held-out second >= 10 min after", lambda u: gap(u) >= 600),
        ("last training second holds 1 rating", lambda u: last_second(u) == 1),
        ("last training second holds 2", lambda u: last_second(u) == 2),
        ("last training second holds >= 3", lambda u: last_second(u) >= 3),
        ("no two of the last 50 training ratings share a second", lambda u: shared_in_last_50(u) == 0),
        ("some of the last 50 share a second", lambda u: shared_in_last_50(u) > 0),
    ]
    print(f"| segment | users | {a_system} | {b_system} | paired difference ± se | users whose value differs |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for name, member in segments:
        group = [u for u in users if member(u)]
        if len(group) < 2:
            continue
        d = [a[u] - b[u] for u in group]
        se = statistics.stdev(d) / math.sqrt(len(d))
        mean_a = sum(a[u] for u in group) / len(group)
        mean_b = sum(b[u] for u in group) / len(group)
        print(f"| {name} | {len(group)} | {mean_a:.4f} | {mean_b:.4f} | {sum(d) / len(d):+.4f} ± {se:.4f} | {sum(1 for x in d if x != 0)} |")


if __name__ == "__main__":
    main(*sys.argv[1:6])
