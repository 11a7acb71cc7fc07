#!/usr/bin/env python3
"""Where the read path's time goes in a dotnet-trace `dotnet-sampled-thread-time` trace converted to speedscope
(dotnet-trace convert --format Speedscope). Counts only samples whose leaf is CPU_TIME or UNMANAGED_CODE_TIME
(running managed or native code, or blocked inside a native call), and splits those of the request threads
(stacks under Kestrel's HttpProtocol.ProcessRequests), of the exposure writer, of the stream thread and of every other
managed thread into buckets, first match wins.
With --top N, also the N frames each group's samples spent most time in (self time: the deepest frame under the
sampled leaf) and the N it spent most time under (inclusive), as shares of the group.
Usage: bench/wrk/trace_breakdown.py TRACE.speedscope.json [--top N]"""
import json
import re
import sys
from collections import Counter

GROUPS = [
    ("request threads", r"HttpProtocol\+<ProcessRequests>", [
        ("waiting for a GC (PollGC)", r"PollGC"),
        ("exposure: Avro serialisation", r"ConfluentAvroSerializer|RecommendationServedContract\.Write|ExposureMapper\.ToContract"),
        ("exposure: Producer.Produce (librdkafka enqueue)", r"Producer`2\[.*\]\.Produce|SafeKafkaHandle\.Produce|produceva"),
        ("exposure: queueing (ExposureWriter.TryQueue)", r"ExposureWriter\.TryQueue|QueueExposure|PublishExposureAsync"),
        ("page building, item titles from the store (RecommendationsResponse.Page)", r"RecommendationsResponse\.Page"),
        ("exposure record and request id (rest of ServedPages)", r"ServedPages"),
        ("experiment assignment", r"ExperimentAssigner"),
        ("list read (stores)", r"RecommendationReader|KafkaStreamsRecommendationQueries"),
        ("JSON response", r"WriteAsJsonAsync|JsonHttpResult|System\.Text\.Json"),
        ("authentication (JWT)", r"Authentication|Authorization|JwtValidator"),
        ("other request work (Kestrel, routing, middleware)", r"."),
    ]),
    ("exposure writer (thread pool, off the request)", r"ExposureWriter\+<RunAsync>", [
        ("waiting for a GC (PollGC)", r"PollGC"),
        ("Avro serialisation", r"ConfluentAvroSerializer|RecommendationServedContract\.Write|ExposureMapper\.ToContract"),
        ("Producer.Produce (librdkafka enqueue)", r"Producer`2\[.*\]\.Produce|SafeKafkaHandle\.Produce|produceva"),
        ("other", r"."),
    ]),
    ("stream thread", r"StreamThread\.Run", [
        ("waiting for a GC (PollGC)", r"PollGC"),
        ("exposures: attribution join and experiment counts", r"StreamStreamJoin|ExperimentCounts|Attribution|ExposureSerde|RecommendationServedContract|ExposureMapper"),
        ("consume and poll (native, includes waiting)", r"Consume|Poll"),
        ("other stream work", r"."),
    ]),
    ("other managed threads, managed CPU only (Kafka clients' poll loops and delivery reports, timers, ...)", r".", [
        ("waiting for a GC (PollGC)", r"PollGC"),
        ("delivery reports (Confluent's poll loop calling back)", r"DeliveryReportCallback|HandleDeliveryReport"),
        ("Kafka clients' poll loops (native, includes waiting)", r"Librdkafka\.poll|SafeKafkaHandle\.Poll|\.Poll\("),
        ("other", r"."),
    ]),
]

top_n = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 0
trace = json.load(open(sys.argv[1]))
frames = [f["name"] for f in trace["shared"]["frames"]]
total, bucket = Counter(), Counter()
self_time, inclusive = Counter(), Counter()
for profile in trace["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        if last is not None and stack and frames[stack[-1]] in ("CPU_TIME", "UNMANAGED_CODE_TIME"):
            names = [frames[f] for f in stack]
            for group, root, buckets in GROUPS:
                top = next((i for i, n in enumerate(names) if re.search(root, n)), None)
                if top is None:
                    continue
                if group.startswith("other") and names[-1] != "CPU_TIME":
                    break  # other threads mostly wait in native calls: only their managed CPU counts
                total[group] += at - last
                below = names[top:]
                name = next(b for b, pattern in buckets if any(re.search(pattern, n) for n in below))
                bucket[(group, name)] += at - last
                self_time[(group, names[-2])] += at - last
                for frame in set(below):
                    inclusive[(group, frame)] += at - last
                break
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

for group, _, buckets in GROUPS:
    print(f"{group}: {total[group]:.0f} ms sampled")
    for name, _ in buckets:
        if total[group]:
            print(f"  {100 * bucket[(group, name)] / total[group]:5.1f} %  {name}")
    for title, counter in (("self", self_time), ("inclusive", inclusive)):
        ranked = sorted(((t, f) for (g, f), t in counter.items() if g == group), reverse=True)[:top_n]
        if ranked:
            print(f"  top {top_n} frames by {title} time:")
        for t, frame in ranked:
            print(f"    {100 * t / total[group]:5.1f} %  {frame[:160]}")
