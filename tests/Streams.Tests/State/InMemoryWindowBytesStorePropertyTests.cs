using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;
using RecoStreams.Streams.State.Internals;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

public sealed class InMemoryWindowBytesStorePropertyTests
{
    private const long RetentionMs = 300;
    private const long SegmentMs = 100;

    private static readonly Gen<(string Key, long Start, int? Value)> PutGen =
        from key in Gen.Elements("a", "b", "c")
        from start in Gen.Choose(0, 1_000)
        from value in Gen.Frequency((4, Gen.Choose(0, 99).Select(v => (int?)v)), (1, Gen.Constant((int?)null)))
        select (key, (long)start, value);

    [Fact]
    public void Matches_a_model_that_drops_whole_expired_segments_and_ignores_late_writes()
    {
        var property = Prop.ForAll(PutGen.ArrayOf().ToArbitrary(), ((string Key, long Start, int? Value)[] puts) =>
        {
            var store = new InMemoryWindowBytesStore("w", RetentionMs, windowSizeMs: 10, SegmentMs);
            var model = new Dictionary<(string Key, long Start), int>();
            var streamTime = long.MinValue;
            foreach (var (key, start, value) in puts)
            {
                store.Put(Bytes.Wrap(System.Text.Encoding.UTF8.GetBytes(key)), value is { } v ? [(byte)v] : null, start);

                streamTime = Math.Max(streamTime, start);
                var minLiveSegment = (long)Math.Floor((streamTime - RetentionMs) / (double)SegmentMs);
                foreach (var expired in model.Keys.Where(k => k.Start / SegmentMs < minLiveSegment).ToList())
                {
                    model.Remove(expired);
                }

                if (start / SegmentMs < minLiveSegment)
                {
                    continue;
                }

                if (value is { } stored)
                {
                    model[(key, start)] = stored;
                }
                else
                {
                    model.Remove((key, start));
                }
            }

            var expected = model.OrderBy(e => e.Key.Start).ThenBy(e => e.Key.Key, StringComparer.Ordinal)
                .Select(e => (e.Key.Key, e.Key.Start, e.Value)).ToList();
            var actual = new List<(string, long, int)>();
            using var all = store.All();
            while (all.MoveNext())
            {
                actual.Add((System.Text.Encoding.UTF8.GetString(all.Current.Key.Key.Span), all.Current.Key.StartMs, all.Current.Value[0]));
            }

            return actual.SequenceEqual(expected);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Window_changelog_keys_round_trip_for_any_key_and_window_start()
    {
        var property = Prop.ForAll(
            ArbMap.Default.ArbFor<byte[]>().Filter(k => k is not null),
            ArbMap.Default.ArbFor<long>(),
            (byte[] key, long start) =>
            {
                var (decodedKey, decodedStart) = WindowKeySchema.FromChangelogKey(WindowKeySchema.ToChangelogKey(key, start));
                return decodedKey.Span.SequenceEqual(key) && decodedStart == start;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
