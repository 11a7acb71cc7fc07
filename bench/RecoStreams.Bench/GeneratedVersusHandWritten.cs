using System.Buffers;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Bench.Baselines;
using static RecoStreams.Bench.AvroCodecBenchmark;

namespace RecoStreams.Bench;

/// <summary>
/// The `avro` benchmark's same-run comparison of the generated contract codecs with the hand-written
/// ones they replaced. Cases are interleaved per round (the order flips every round) and each case
/// reports its median round, so a neighbour's load burst does not land on one side only.
/// </summary>
internal static class GeneratedVersusHandWritten
{
    public sealed record Comparison(string Record, string Operation, Result Generated, Result HandWritten)
    {
        /// <summary>Generated records/s over hand-written records/s.</summary>
        public double Ratio => Math.Round(Generated.RecordsPerSecond / HandWritten.RecordsPerSecond, 3);
    }

    public static IReadOnlyList<Comparison> Run(int records, int rounds, ArrayBufferWriter<byte> buffer)
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

        var generated = cases.Select(_ => new List<Result>()).ToArray();
        var handWritten = cases.Select(_ => new List<Result>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                var (record, operation, gen, hand) = cases[i];
                if (round % 2 == 0)
                {
                    generated[i].Add(Measure("generated", $"{record} {operation}", records, gen));
                    handWritten[i].Add(Measure("hand-written", $"{record} {operation}", records, hand));
                }
                else
                {
                    handWritten[i].Add(Measure("hand-written", $"{record} {operation}", records, hand));
                    generated[i].Add(Measure("generated", $"{record} {operation}", records, gen));
                }
            }
        }

        return [.. cases.Select((c, i) => new Comparison(c.Record, c.Operation, Median(generated[i]), Median(handWritten[i])))];
    }

    private static Result Median(List<Result> results) => results.OrderBy(r => r.RecordsPerSecond).ElementAt(results.Count / 2);

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
