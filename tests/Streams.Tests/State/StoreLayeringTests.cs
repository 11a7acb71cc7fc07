using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

public sealed class StoreLayeringTests
{
    [Fact]
    public void Cached_writes_are_readable_and_reach_the_changelog_only_once_per_key_on_flush()
    {
        var context = new RecordingStoreContext(cacheBytes: 1 << 20);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long)
            .WithCachingEnabled()
            .Build();
        store.Init(context);
        var flushed = new List<CachedChange<string, long>>();
        Assert.True(((ICachedStateStore<string, long>)store).SetFlushListener(flushed.Add));

        context.CurrentTimestamp = 10;
        store.Put("a", 1);
        context.CurrentTimestamp = 20;
        store.Put("a", 2);
        store.Put("b", 5);
        store.Delete("b");

        Assert.Equal(2, store.GetOrDefault("a", -1));
        Assert.False(store.TryGet("b", out _));
        Assert.Empty(context.Logged);

        store.Flush();

        Assert.Equal(2, context.Logged.Count);
        Assert.Equal(20, context.Logged[0].Timestamp);
        Assert.Null(context.Logged[1].Value);
        Assert.Equal(
            [new CachedChange<string, long>("a", 2, false, 20), new CachedChange<string, long>("b", 0, true, 20)],
            flushed);
        Assert.True(context.Cache.Hits >= 1);
    }

    [Fact]
    public void Range_over_a_cached_store_merges_cache_and_store_with_cached_deletes_hiding_stored_values()
    {
        var context = new RecordingStoreContext(cacheBytes: 1 << 20);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("s"), Serdes.String, Serdes.Long)
            .WithCachingEnabled()
            .WithLoggingDisabled()
            .Build();
        store.Init(context);
        store.Put("a", 1);
        store.Put("c", 3);
        store.Flush();

        store.Put("b", 2);
        store.Delete("c");
        store.Put("a", 10);

        using var all = store.All();
        var seen = new List<KeyValuePair<string, long>>();
        while (all.MoveNext())
        {
            seen.Add(all.Current);
        }

        Assert.Equal([new("a", 10), new("b", 2)], seen);
    }

    [Fact]
    public void A_full_cache_evicts_and_writes_dirty_entries_below()
    {
        var context = new RecordingStoreContext(cacheBytes: 200);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("s"), Serdes.String, Serdes.Long)
            .WithCachingEnabled()
            .Build();
        store.Init(context);

        for (var i = 0; i < 10; i++)
        {
            store.Put($"key-{i}", i);
        }

        Assert.True(context.Cache.Evictions > 0);
        Assert.NotEmpty(context.Logged);
        Assert.True(context.Cache.SizeBytes <= 200);
        Assert.Equal(9, store.GetOrDefault("key-9", -1));
        Assert.Equal(0, store.GetOrDefault("key-0", -1));
    }

    [Fact]
    public void Window_store_logs_changes_keyed_by_key_and_window_start()
    {
        var context = new RecordingStoreContext(cacheBytes: 0) { CurrentTimestamp = 1234 };
        var store = Stores.WindowStoreBuilder(
                Stores.InMemoryWindowStore("w", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)), Serdes.String, Serdes.Long)
            .Build();
        store.Init(context);

        store.Put("item", 7, 60_000);

        var (name, key, value, timestamp) = Assert.Single(context.Logged);
        Assert.Equal("w", name);
        Assert.Equal([.. "item"u8, 0, 0, 0, 0, 0, 0, 0xEA, 0x60], key);
        Assert.Equal(Serdes.Long.Serialize(7, default), value);
        Assert.Equal(1234, timestamp);
        Assert.True(store.TryFetch("item", 60_000, out var fetched));
        Assert.Equal(7, fetched);
    }

    [Fact]
    public void Reads_from_another_thread_never_fill_the_cache_so_they_cannot_trigger_a_flush_there()
    {
        var context = new RecordingStoreContext(cacheBytes: 300);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("s"), Serdes.String, Serdes.Long)
            .WithCachingEnabled()
            .Build();
        store.Init(context);
        store.Put("a", 1);
        for (var i = 0; i < 10; i++)
        {
            store.Put($"filler-{i}", i); // pushes "a" out of the cache, into the store below
        }

        var sizeBefore = context.Cache.SizeBytes;
        var missesBefore = context.Cache.Misses;

        var readOnOtherThread = ReadOnOtherThread(store, "a");
        var secondReadOnOtherThread = ReadOnOtherThread(store, "a");

        Assert.Equal((1L, 1L), (readOnOtherThread, secondReadOnOtherThread));
        Assert.Equal(missesBefore + 2, context.Cache.Misses);
        Assert.Equal(sizeBefore, context.Cache.SizeBytes);

        Assert.Equal(1, store.GetOrDefault("a", -1)); // the owner's miss fills the cache...
        var hitsBefore = context.Cache.Hits;
        Assert.Equal(1, store.GetOrDefault("a", -1));
        Assert.Equal(hitsBefore + 1, context.Cache.Hits); // ...so its next read hits
    }

    private static long ReadOnOtherThread(IKeyValueStore<string, long> store, string key)
    {
        long result = 0;
        var thread = new Thread(() => result = store.GetOrDefault(key, -1));
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void A_window_store_rebuilt_from_its_changelog_holds_the_same_windows()
    {
        var writerContext = new RecordingStoreContext(cacheBytes: 0);
        var supplier = Stores.InMemoryWindowStore("w", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        var original = Stores.WindowStoreBuilder(supplier, Serdes.String, Serdes.String).Build();
        original.Init(writerContext);
        original.Put("a", "1", 0);
        original.Put("a", "2", 60_000);
        original.Put("b", "3", 60_000);
        original.Put("a", null!, 0);

        var readerContext = new RecordingStoreContext(cacheBytes: 0);
        var restored = Stores.WindowStoreBuilder(supplier, Serdes.String, Serdes.String).Build();
        restored.Init(readerContext);
        Assert.Single(readerContext.Callbacks).RestoreBatch(writerContext.Logged.Select(l => new KeyValuePair<byte[], byte[]?>(l.Key, l.Value)).ToList());

        using var all = restored.All();
        var windows = new List<(string, long, string)>();
        while (all.MoveNext())
        {
            windows.Add((all.Current.Key.Key, all.Current.Key.StartMs, all.Current.Value));
        }

        Assert.Equal([("a", 60_000L, "2"), ("b", 60_000L, "3")], windows);
        Assert.Empty(readerContext.Logged);
    }
}
