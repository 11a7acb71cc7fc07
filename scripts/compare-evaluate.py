#!/usr/bin/env python3
"""Compares two `evaluate --json` reports field by field (docs/benchmarks.md, "evaluate, session 8"); the timing fields are reported, not compared.

Usage: scripts/compare-evaluate.py BEFORE.json AFTER.json
"""
import json, sys

TIMING = {"replay_seconds", "total_seconds"}

def walk(a, b, path, diffs):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key in TIMING and not path:
                continue
            if key not in a or key not in b:
                diffs.append((path + "/" + key, a.get(key, "<absent>"), b.get(key, "<absent>")))
            else:
                walk(a[key], b[key], path + "/" + key, diffs)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append((path, f"{len(a)} entries", f"{len(b)} entries"))
        for i, (x, y) in enumerate(zip(a, b)):
            label = x.get("system", "") + "~" + str(x.get("baseline", "")) + "@" + str(x.get("k", "")) if isinstance(x, dict) else str(i)
            walk(x, y, f"{path}[{label}]", diffs)
    elif isinstance(a, float) or isinstance(b, float):
        if a is None or b is None or abs(a - b) > 0:
            diffs.append((path, a, b))
    elif a != b:
        diffs.append((path, a, b))

a, b = (json.load(open(p)) for p in sys.argv[1:3])
diffs = []
walk(a, b, "", diffs)
worst = max((abs(x - y) for _, x, y in diffs if isinstance(x, float) and isinstance(y, float)), default=0.0)
for path, x, y in diffs:
    print(f"{path}: {x} -> {y}")
print(f"{len(diffs)} differing fields; largest numeric difference {worst:.2e}; "
      f"fourth decimal {'equal' if all(isinstance(x, float) and isinstance(y, float) and round(x, 4) == round(y, 4) for _, x, y in diffs) else 'DIFFERS'}; "
      f"total_seconds {a.get('total_seconds')} -> {b.get('total_seconds')}")
