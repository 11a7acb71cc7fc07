using System.Globalization;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// A caching store over a zero-byte record cache writes through: every write reaches the layer below and its
/// changelog at once, reads answer from below, and the cache is never consulted (no hit, no miss, no eviction, nothing held).
/// </summary>
public sealed class ZeroByteCacheTests
{
    [Fact]
    public void A_key_value_store_over_a_zero_byte_cache_logs_each_write_at_once_and_never_consults_the_cache()
    {
        var context = new RecordingStoreContext(cacheBytes: 0);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("p"), Serdes.String, Serdes.Long).WithCachingEnabled().Build();
        store.Init(context);

        for (var i = 0; i < 5; i++)
        {
            context.CurrentTimestamp = 100 + i;
            store.Put("k" + i.ToString(CultureInfo.InvariantCulture), i);
            Assert.Equal(i + 1, context.Logged.Count);
            Assert.Equal(100 + i, context.Logged[^1].Timestamp);
            Assert.True(store.TryGet("k" + i.ToString(CultureInfo.InvariantCulture), out var read));
            Assert.Equal(i, read);
        }

        store.Delete("k0");
        Assert.Null(context.Logged[^1].Value);
        Assert.Equal(["k1", "k2", "k3", "k4"], Keys(store.All()));
        Assert.Equal(["k2", "k3"], Keys(store.Range("k2", "k3")));
        Assert.Equal((0L, 0L, 0L, 0L), (context.Cache.Hits, context.Cache.Misses, context.Cache.Evictions, context.Cache.SizeBytes));
    }

    [Fact]
    public void A_window_store_over_a_zero_byte_cache_logs_each_write_at_once_and_never_consults_the_cache()
    {
        var context = new RecordingStoreContext(cacheBytes: 0);
        var store = Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("w", TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(10)), Serdes.String, Serdes.String)
            .WithCachingEnabled()
            .Build();
        store.Init(context);

        for (var start = 0L; start < 50; start += 10)
        {
            store.Put("a", start.ToString(CultureInfo.InvariantCulture), start);
            Assert.Equal((start / 10) + 1, context.Logged.Count);
            Assert.True(store.TryFetch("a", start, out var fetched));
            Assert.Equal(start.ToString(CultureInfo.InvariantCulture), fetched);
        }

        // A null value deletes the window.
        store.Put("a", null!, 20);
        var windows = new List<long>();
        using (var range = store.Fetch("a", 10, 40))
        {
            while (range.MoveNext())
            {
                windows.Add(range.Current.Key);
            }
        }

        Assert.Equal([10L, 30L, 40L], windows);
        Assert.Equal((0L, 0L, 0L, 0L), (context.Cache.Hits, context.Cache.Misses, context.Cache.Evictions, context.Cache.SizeBytes));
    }

    private static List<string> Keys(IKeyValueIterator<string, long> iterator)
    {
        using (iterator)
        {
            var keys = new List<string>();
            while (iterator.MoveNext())
            {
                keys.Add(iterator.Current.Key);
            }

            return keys;
        }
    }
}
