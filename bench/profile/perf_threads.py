#!/usr/bin/env python3
"""CPU by thread group and frame, per request, from Linux perf samples of a host, and the difference between two hosts.
  collapse: `perf script -F comm,tid,period,event,ip,sym,dso` on stdin -> folded stacks on stdout, one line per distinct
            stack: "thread-group;outermost frame;...;leaf<TAB>ns of CPU" (the samples' periods, so CPU time, not counts)
  diff A B: two folded files with the requests each served while sampled (FILE:REQUESTS); prints, per thread group,
            µs of CPU per request of A, of B and A less B, then the frames whose inclusive and self µs per request differ
            most, within the groups matching --group (a regex, default the thread pool).
Frames are named as in perf_frames.py (JIT-compiled frames need DOTNET_PerfMapEnabled=1 in the host).
Usage: perf_threads.py collapse < script.txt > FILE.folded
       perf_threads.py diff A.folded:REQUESTS B.folded:REQUESTS [--group REGEX] [--top N]"""
import re
import sys
from collections import Counter, defaultdict

from perf_frames import short

# Thread names (comm, at most 15 characters) to the groups the wrk scripts report.
GROUPS = [
    ("thread pool", r"^\.NET TP Worker"),
    ("sockets", r"^\.NET Sockets"),
    ("GC", r"^\.NET Server GC|^\.NET BGC"),
    ("librdkafka", r"^rdk:"),
    ("stream threads", r"^recostreams-"),
    ("other", r"."),
]
HEADER = re.compile(r"^(.*?)\s+(\d+)\s+(\d+)\s+[\w-]+:\S*:?\s*$")
FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$")


def group_of(comm):
    return next(name for name, pattern in GROUPS if re.search(pattern, comm))


def collapse(lines):
    folded = Counter()
    comm, period, frames = None, 0, []

    def flush():
        if comm is not None:
            names = [short(symbol, dso) for symbol, dso in reversed(frames)]
            folded[";".join([group_of(comm)] + [n.replace(";", ",") for n in names])] += period

    for line in lines:
        header = HEADER.match(line) if line and line[0] not in " \t" else None
        if header:
            flush()
            comm, period, frames = header.group(1), int(header.group(3)), []
            continue
        frame = FRAME.match(line)
        if frame:
            frames.append((frame.group(1), frame.group(2)))
    flush()
    for stack, ns in folded.most_common():
        print(f"{stack}\t{ns}")


def load(spec):
    path, requests = spec.rsplit(":", 1)
    stacks = Counter()
    for line in open(path):
        stack, ns = line.rstrip("\n").rsplit("\t", 1)
        stacks[stack] += int(ns)
    return stacks, int(requests)


def per_request(stacks, requests, group):
    by_group, inclusive, own = Counter(), Counter(), Counter()
    for stack, ns in stacks.items():
        frames = stack.split(";")
        by_group[frames[0]] += ns
        if not re.search(group, frames[0]):
            continue
        own[frames[-1]] += ns
        for name in set(frames[1:]):
            inclusive[name] += ns
    scale = 1e-3 / requests  # ns in all requests -> µs per request
    return ({k: v * scale for k, v in by_group.items()}, {k: v * scale for k, v in inclusive.items()},
            {k: v * scale for k, v in own.items()})


def diff(a_spec, b_spec, group, top):
    a, b = per_request(*load(a_spec), group), per_request(*load(b_spec), group)
    titles = ["thread groups (µs of CPU per request)", f"inclusive, groups /{group}/", f"self, groups /{group}/"]
    for title, x, y in zip(titles, a, b):
        print(f"# {title}: A, B, A less B")
        keys = sorted(set(x) | set(y), key=lambda k: -abs(x.get(k, 0) - y.get(k, 0)))
        for k in keys[: top if title != titles[0] else None]:
            print(f"{x.get(k, 0):9.2f} {y.get(k, 0):9.2f} {x.get(k, 0) - y.get(k, 0):+9.2f}  {k}")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "collapse":
        collapse(sys.stdin)
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "diff":
        args = sys.argv[2:]
        group = args[args.index("--group") + 1] if "--group" in args else "thread pool"
        top = int(args[args.index("--top") + 1]) if "--top" in args else 40
        diff(args[0], args[1], group, top)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
