#!/usr/bin/env python3
"""Where the full topology's stream thread spends its CPU in a dotnet-trace speedscope file of `bench ... topology`
(dotnet-trace collect --format speedscope -- dotnet RecoStreams.Bench.dll topology ...). Only the thread that runs
RecommendationProcessor (not the count benchmark's) and only samples whose leaf is CPU_TIME, or UNMANAGED_CODE_TIME
outside Consume. Prints (1) the event path (TaskManager.Process) by the deepest processor on the stack, then by kind
of work (first match wins), and (2) the frames under a root (default: TaskManager.Process), inclusive, as shares of
the thread's CPU. Usage: stream_thread_frames.py FILE [ROOT_REGEX] [N]"""
import json
import re
import sys
from collections import Counter

PROCESSOR = re.compile(r"!RecoStreams\.(Processors|Topology)\.[\w.`\[\],_]+\.(Process|UpdateWindows|Publish|Release)\(")
KINDS = [
    ("GC (PollGC)", r"PollGC"),
    ("producer send (librdkafka)", r"KafkaRecordCollector\.Send|Produce"),
    ("RocksDB window put/fetch", r"RocksDbWindowBytesStore\.(Put|Fetch)"),
    ("RocksDB get", r"RocksDbKeyValueBytesStore\.Get|RocksDatabase\.Get"),
    ("RocksDB put", r"RocksDbKeyValueBytesStore\.Put|RocksDatabase\.Put"),
    ("serdes", r"Serde|Serializ|Deserializ|BinaryReader|BinaryWriter"),
    ("HMAC (user id hash)", r"HMAC|Hmac|UserIdHash"),
    ("record cache / held writes", r"NamedCache|ThreadCache|CommitDeferred|DecodedValue"),
    ("other", r"."),
]


def samples(trace):
    """(stack names, leaf, duration) of every CPU sample of the topology's stream thread."""
    frames = [f["name"] for f in trace["shared"]["frames"]]
    for profile in trace["profiles"]:
        used = {e["frame"] for e in profile["events"] if e["type"] == "O"}
        if not any("RecommendationProcessor" in frames[f] for f in used):
            continue
        stack, last = [], None
        for e in profile["events"]:
            at = e["at"]
            if last is not None and stack:
                leaf = frames[stack[-1]]
                names = [frames[f] for f in stack]
                if leaf == "CPU_TIME" or (leaf == "UNMANAGED_CODE_TIME" and not any("Consume" in x for x in names)):
                    yield names, at - last
            last = at
            if e["type"] == "O":
                stack.append(e["frame"])
            elif e["type"] == "C":
                stack.pop()


def main():
    trace = json.load(open(sys.argv[1]))
    root = re.compile(sys.argv[2] if len(sys.argv) > 2 else r"TaskManager\.Process\(")
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 45
    total = event_path = under_root = 0.0
    by, inclusive = Counter(), Counter()
    for names, d in samples(trace):
        total += d
        top = next((i for i, x in enumerate(names) if "TaskManager.Process(" in x), None)
        if top is not None:
            event_path += d
            below = names[top:]
            found = [i for i, x in enumerate(below) if PROCESSOR.search(x)]
            name = re.sub(r"\(.*", "", below[found[-1]]).split("!")[-1].replace("RecoStreams.", "") if found else "(runtime: source, queues)"
            rest = below[found[-1]:] if found else below
            by[(name, next(k for k, pattern in KINDS if any(re.search(pattern, x) for x in rest)))] += d
        start = next((i for i, x in enumerate(names) if root.search(x)), None)
        if start is not None:
            under_root += d
            for x in set(names[start:]):
                inclusive[x] += d
    print(f"stream thread CPU {total:.0f} ms; event path {event_path:.0f} ms ({100 * event_path / total:.1f} %)")
    print("# (1) the event path by the deepest processor, then by kind of work; shares of the stream thread's CPU")
    per = Counter()
    for (name, _), d in by.items():
        per[name] += d
    for name, d in per.most_common():
        print(f"{100 * d / total:5.1f}%  {name}")
        for (other, kind), dd in sorted(by.items(), key=lambda x: -x[1]):
            if other == name and dd / total >= 0.002:
                print(f"        {100 * dd / total:5.1f}%  {kind}")
    print(f"# (2) frames under {root.pattern}, inclusive ({100 * under_root / total:.1f} % of the thread)")
    for name, d in inclusive.most_common(n):
        print(f"{100 * d / total:5.1f}%  {name[:200]}")


main()
