#!/usr/bin/env python3
"""Inclusive and self shares of the frames in the samples whose stack holds ROOT_REGEX, from `perf script` output on stdin.
Linux perf samples on CPU time, so frames are not biased to the runtime's safe points as dotnet-trace's thread-time
samples are (there, samples pile up in PollGC and in the frame that polls). Record with the runtime's perf map and
without W^X double mapping, so JIT-compiled frames have names:
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -o FILE dotnet RecoStreams.Bench.dll recommend
  perf script -i FILE | perf_frames.py 'RecommendBenchmark::BuildLists' 40
Frames in libcoreclr.so have no symbols (the runtime is stripped) and count as one "[coreclr: GC/runtime]" frame.
Usage: perf_frames.py ROOT_REGEX [N]"""
import re
import sys
from collections import Counter


def short(symbol, dso):
    # Without assembly names and generic arguments: "Dictionary`2.TryGetValue".
    method = re.search(r"([\w.`+<>|]+)::([\w<>|`.]+)\(", re.sub(r"\[[^\[\]]*\]", "", re.sub(r"\[[^\[\]]*\]", "", symbol)))
    if method:
        return (method.group(1).split(".")[-1] + "." + method.group(2))[:100]
    if "libcoreclr" in dso:
        return "[coreclr: GC/runtime]"
    return (symbol.split("(")[0] or dso)[:100]


def stacks(lines):
    """Each sample's frames, leaf first, as (symbol, dso)."""
    stack = []
    for line in lines:
        if not line.strip() or line[0] not in " \t":
            if stack:
                yield stack
            stack = []
            continue
        frame = re.match(r"\s+[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$", line)
        if frame:
            stack.append((frame.group(1), frame.group(2)))
    if stack:
        yield stack


def main():
    root = re.compile(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    total, inclusive, own = 0, Counter(), Counter()
    for stack in stacks(sys.stdin):
        # The outermost root frame and the frames it called (the stack is leaf first).
        at = max((i for i, (symbol, _) in enumerate(stack) if root.search(symbol)), default=None)
        if at is None:
            continue
        total += 1
        names = [short(symbol, dso) for symbol, dso in stack[: at + 1]]
        own[names[0]] += 1
        for name in set(names):
            inclusive[name] += 1
    print(f"samples under {root.pattern}: {total}")
    print("# inclusive")
    for name, count in inclusive.most_common(n):
        print(f"{100 * count / total:5.1f}%  {name}")
    print("# self")
    for name, count in own.most_common(n):
        print(f"{100 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
