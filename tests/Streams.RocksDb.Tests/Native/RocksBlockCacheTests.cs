using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Native;

public sealed class RocksBlockCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stores_asking_for_the_same_capacity_share_one_cache()
    {
        Assert.Same(RocksBlockCache.Shared(3L << 20), RocksBlockCache.Shared(3L << 20));
        Assert.NotSame(RocksBlockCache.Shared(3L << 20), RocksBlockCache.Shared(5L << 20));
        Assert.Equal(3L << 20, RocksBlockCache.Shared(3L << 20).CapacityBytes);
    }

    [Fact]
    public void Reads_from_flushed_tables_fill_the_shared_cache_up_to_its_capacity()
    {
        const long capacity = 7L << 20;
        var options = RocksDbOptions.Default with { BlockCacheBytes = capacity, Compression = RocksDbCompression.None };
        var cache = RocksBlockCache.Shared(capacity);
        using var db = RocksDatabase.Open(_dir.Path, options);
        var value = new byte[1024];
        for (var i = 0; i < 20_000; i++)
        {
            db.Put(BitConverter.GetBytes(i), value);
        }

        db.Flush();
        var before = cache.UsageBytes;
        for (var i = 0; i < 20_000; i++)
        {
            Assert.NotNull(db.Get(BitConverter.GetBytes(i)));
        }

        Assert.True(cache.UsageBytes > before, $"cache usage {cache.UsageBytes} did not grow from {before}");
        Assert.InRange(cache.UsageBytes, 0, capacity + (1L << 20));
    }
}
