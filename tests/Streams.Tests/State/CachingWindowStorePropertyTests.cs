using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Internals;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The window cache must be invisible to readers: at every step a cached, logged window store answers point and
/// range reads like a plain map of (key, window start) to value, whatever the cache size (a small one evicts, zero
/// writes through), and after a flush its changelog (last value per key and window) describes the same map.
/// </summary>
public sealed class CachingWindowStorePropertyTests
{
    private const int FlushOp = 0;
    private const int PutOp = 1;

    // Retention far beyond the starts generated: expiry is the byte store's, tested on its own.
    private const long RetentionMs = 1_000_000;

    private static readonly Gen<(int Kind, string Key, long Start, int? Value, long To)> OperationGen =
        from kind in Gen.Frequency((1, Gen.Constant(FlushOp)), (8, Gen.Constant(PutOp)))
        from key in Gen.Elements("a", "b", "ab", "c")
        from start in Gen.Choose(0, 50)
        from span in Gen.Choose(0, 30)
        from value in Gen.Frequency((4, Gen.Choose(0, 99).Select(v => (int?)v)), (1, Gen.Constant((int?)null)))
        select (kind, key, (long)start * 10, value, (long)(start + span) * 10);

    [Fact]
    public void Cached_window_store_reads_like_a_map_at_every_step_and_its_changelog_replays_to_the_same_map()
    {
        var property = Prop.ForAll(
            OperationGen.ArrayOf().ToArbitrary(),
            Gen.Choose(0, 600).ToArbitrary(),
            ((int Kind, string Key, long Start, int? Value, long To)[] ops, int cacheBytes) =>
            {
                var context = new RecordingStoreContext(cacheBytes);
                var store = Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("w", TimeSpan.FromMilliseconds(RetentionMs), TimeSpan.FromMilliseconds(10)), Serdes.String, Serdes.String)
                    .WithCachingEnabled()
                    .Build();
                store.Init(context);
                var model = new Dictionary<(string Key, long Start), int>();
                foreach (var (kind, key, start, value, to) in ops)
                {
                    if (kind == FlushOp)
                    {
                        store.Flush();
                        continue;
                    }

                    // A null value deletes the window.
                    store.Put(key, value?.ToString(CultureInfo.InvariantCulture)!, start);
                    if (value is { } written)
                    {
                        model[(key, start)] = written;
                    }
                    else
                    {
                        model.Remove((key, start));
                    }

                    if (!ReadsMatch(store, model, key, start, to))
                    {
                        return false;
                    }
                }

                store.Flush();
                return AllOf(store).SequenceEqual(Sorted(model)) && Replay(context.Logged).SequenceEqual(Sorted(model));
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static bool ReadsMatch(IWindowStore<string, string> store, Dictionary<(string Key, long Start), int> model, string key, long from, long to)
    {
        var point = store.TryFetch(key, from, out var fetched) ? int.Parse(fetched, CultureInfo.InvariantCulture) : (int?)null;
        if (point != (model.TryGetValue((key, from), out var expected) ? expected : null))
        {
            return false;
        }

        var range = new List<(long, int)>();
        using (var windows = store.Fetch(key, from, to))
        {
            while (windows.MoveNext())
            {
                range.Add((windows.Current.Key, int.Parse(windows.Current.Value, CultureInfo.InvariantCulture)));
            }
        }

        var expectedRange = model.Where(e => e.Key.Key == key && e.Key.Start >= from && e.Key.Start <= to)
            .OrderBy(e => e.Key.Start).Select(e => (e.Key.Start, e.Value));
        return range.SequenceEqual(expectedRange) && AllOf(store).SequenceEqual(Sorted(model));
    }

    private static List<(string, long, int)> AllOf(IWindowStore<string, string> store)
    {
        var all = new List<(string, long, int)>();
        using var iterator = store.All();
        while (iterator.MoveNext())
        {
            all.Add((iterator.Current.Key.Key, iterator.Current.Key.StartMs, int.Parse(iterator.Current.Value, CultureInfo.InvariantCulture)));
        }

        return all;
    }

    private static List<(string, long, int)> Sorted(Dictionary<(string Key, long Start), int> model) =>
        model.OrderBy(e => e.Key.Start).ThenBy(e => e.Key.Key, StringComparer.Ordinal).Select(e => (e.Key.Key, e.Key.Start, e.Value)).ToList();

    private static List<(string, long, int)> Replay(List<(string Store, byte[] Key, byte[]? Value, long Timestamp)> logged)
    {
        var last = new Dictionary<(string Key, long Start), int>();
        foreach (var (_, changelogKey, value, _) in logged)
        {
            var (key, start) = WindowKeySchema.FromChangelogKey(changelogKey);
            var typedKey = Serdes.String.Deserialize(key.Span, default)!;
            if (value is null)
            {
                last.Remove((typedKey, start));
            }
            else
            {
                last[(typedKey, start)] = int.Parse(Serdes.String.Deserialize(value, default)!, CultureInfo.InvariantCulture);
            }
        }

        return Sorted(last);
    }
}
