using System.Buffers;
using System.Diagnostics;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Bench.Baselines;
using static RecoStreams.Bench.AvroCodecBenchmark;

namespace RecoStreams.Bench;

/// <summary>
/// The `avro` benchmark's same-run comparison of the generated contract codecs with the hand-written
/// ones they replaced (bench/Baselines), on the same values, checked to produce the same bytes first.
/// </summary>
internal static class GeneratedVersusHandWritten
{
    public sealed record Comparison(string Record, string Operation, Result Generated, Result HandWritten)
    {
        /// <summary>Generated records/s over hand-written records/s.</summary>
        public double Ratio => Math.Round(Generated.RecordsPerSecond / HandWritten.RecordsPerSecond, 3);
    }

    public static IReadOnlyList<Comparison> Run(int records, int slices, ArrayBufferWriter<byte> buffer)
    {
        var engagement = SampleEngagement();
        var updated = SampleUpdated();
        var engagementHand = new HandWrittenEngagementEventCodec();
        var updatedHand = new HandWrittenRecommendationUpdatedCodec();
        var engagementBytes = Encode(buffer, w => EngagementEventContract.Instance.Write(w, engagement));
        var updatedBytes = Encode(buffer, w => RecommendationUpdatedContract.Instance.Write(w, updated));
        if (!engagementBytes.AsSpan().SequenceEqual(Encode(buffer, w => engagementHand.Write(w, engagement)))
            || !updatedBytes.AsSpan().SequenceEqual(Encode(buffer, w => updatedHand.Write(w, updated))))
        {
            throw new InvalidOperationException("the generated and hand-written codecs disagree on the bytes; the comparison would be meaningless");
        }

        var cases = new (string Record, string Operation, Func<int> Generated, Func<int> HandWritten)[]
        {
            ("EngagementEvent", "encode",
                () => EncodeInto(buffer, w => EngagementEventContract.Instance.Write(w, engagement)),
                () => EncodeInto(buffer, w => engagementHand.Write(w, engagement))),
            ("EngagementEvent", "decode",
                () => { var r = new AvroBinaryReader(engagementBytes); return EngagementEventContract.Instance.Read(ref r).ItemId.Length; },
                () => { var r = new AvroBinaryReader(engagementBytes); return engagementHand.Read(ref r).ItemId.Length; }),
            ("RecommendationUpdated", "encode",
                () => EncodeInto(buffer, w => RecommendationUpdatedContract.Instance.Write(w, updated)),
                () => EncodeInto(buffer, w => updatedHand.Write(w, updated))),
            ("RecommendationUpdated", "decode",
                () => { var r = new AvroBinaryReader(updatedBytes); return RecommendationUpdatedContract.Instance.Read(ref r).Items.Count; },
                () => { var r = new AvroBinaryReader(updatedBytes); return updatedHand.Read(ref r).Items.Count; }),
        };

        return [.. cases.Select(c =>
        {
            var (generated, handWritten) = Interleaved($"{c.Record} {c.Operation}", records, slices, c.Generated, c.HandWritten);
            return new Comparison(c.Record, c.Operation, generated, handWritten);
        })];
    }

    /// <summary>
    /// Runs both sides in alternating slices of records / slices each (the side that goes first flips
    /// every slice) and sums each side's time and allocations, so a load burst from a neighbour on
    /// the shared machine lands on both sides alike.
    /// </summary>
    private static (Result Generated, Result HandWritten) Interleaved(string operation, int records, int slices, Func<int> generated, Func<int> handWritten)
    {
        var sink = 0L;
        for (var i = 0; i < Math.Min(records, 50_000); i++)
        {
            sink += generated() + handWritten();
        }

        var perSlice = Math.Max(1, records / slices);
        var sides = new[] { (Once: generated, Ticks: 0L, Bytes: 0L), (Once: handWritten, Ticks: 0L, Bytes: 0L) };
        for (var slice = 0; slice < slices; slice++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                var side = (slice + turn) % 2;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < perSlice; i++)
                {
                    sink += sides[side].Once();
                }

                sides[side].Ticks += Stopwatch.GetTimestamp() - started;
                sides[side].Bytes += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            }
        }

        GC.KeepAlive(sink);
        var total = (double)perSlice * slices;
        Result Of(string codec, int side) => new(codec, operation,
            Math.Round(total / ((double)sides[side].Ticks / Stopwatch.Frequency)), Math.Round(sides[side].Bytes / total, 1));
        return (Of("generated", 0), Of("hand-written", 1));
    }

    private static int EncodeInto(ArrayBufferWriter<byte> buffer, Action<AvroBinaryWriter> write)
    {
        buffer.ResetWrittenCount();
        write(new AvroBinaryWriter(buffer));
        return buffer.WrittenCount;
    }

    private static byte[] Encode(ArrayBufferWriter<byte> buffer, Action<AvroBinaryWriter> write)
    {
        EncodeInto(buffer, write);
        return buffer.WrittenSpan.ToArray();
    }

    private static EngagementEvent SampleEngagement() => new()
    {
        EventId = Guid.Parse("7b0c3f64-8f51-4c3e-9a11-2f1f9c0d5e21"),
        UserId = "user-123456",
        ItemId = "item-98765",
        EventType = EventType.Watch,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_763_798_400_000),
        WatchSeconds = 1260,
        ItemDurationSeconds = 5400,
        SessionId = "s-42",
        Context = new Dictionary<string, string> { ["device"] = "ios", ["page"] = "home" },
        Source = "web",
    };

    private static RecommendationUpdated SampleUpdated() => new()
    {
        UserId = "user-123456",
        GeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_763_798_400_000),
        Algorithm = "hybrid-v1",
        Strategy = RecommendationStrategy.Hybrid,
        Items = [.. Enumerable.Range(1, 10).Select(i => new RecommendedItem($"item-{i}", i, 1.0 / i, CandidateSource.Cf, $"because you watched item-{i + 100}"))],
        PreviousItemIds = [.. Enumerable.Range(1, 10).Select(i => $"item-{i + 1}")],
        Trigger = "punctuation",
        Version = 42,
    };
}
