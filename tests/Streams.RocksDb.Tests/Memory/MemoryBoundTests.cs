using System.Buffers.Binary;
using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Memory;

public sealed class MemoryBoundTests
{
    private const int KeyCount = 1_000_000;
    private const int BatchSize = 10_000;

    /// <summary>
    /// Allowance above block cache and memtables for what RocksDB does not charge to either: table readers,
    /// WAL and compaction buffers, glibc per-thread arenas; plus managed garbage from the write loop.
    /// </summary>
    private const long OverheadBytes = 128L << 20;

    [Fact]
    public void Writing_a_million_keys_keeps_resident_memory_under_cache_plus_memtables_plus_overhead()
    {
        if (!ResidentMemory.IsAvailable)
        {
            Assert.Skip("/proc/self/status is not available: resident memory can only be sampled on Linux.");
        }

        // A cache size of its own so other tests' use of the shared default cache does not count here.
        var options = RocksDbOptions.Default with { BlockCacheBytes = (64L << 20) + 1 };
        using var dir = new TempDirectory();
        var store = new RocksDbKeyValueBytesStore("memory-bound", options);
        store.Init(new FakeStateStoreContext(dir.Path));
        GC.Collect();
        var baseline = ResidentMemory.ReadBytes();
        var bound = baseline + options.BlockCacheBytes + options.MemtableBytesPerInstance + OverheadBytes;
        var peak = baseline;
        try
        {
            var value = new byte[100];
            var batch = new List<KeyValuePair<Bytes, byte[]?>>(BatchSize);
            for (var i = 0; i < KeyCount; i++)
            {
                var key = new byte[16];
                BinaryPrimitives.WriteInt64BigEndian(key, (long)(((ulong)i * 0x9E3779B97F4A7C15UL) >> 1));
                BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(8), i);
                batch.Add(new(Bytes.Wrap(key), value));
                if (batch.Count == BatchSize)
                {
                    store.PutAll(batch);
                    batch.Clear();
                    peak = Math.Max(peak, ResidentMemory.ReadBytes());
                }
            }

            Assert.InRange(store.ApproximateNumEntries, KeyCount * 9L / 10, KeyCount * 11L / 10);
            Assert.True(
                peak <= bound,
                $"peak RSS {peak >> 20} MiB exceeded the bound {bound >> 20} MiB (baseline {baseline >> 20} MiB + cache + memtables + {OverheadBytes >> 20} MiB)");
            TestContext.Current.TestOutputHelper?.WriteLine($"baseline {baseline >> 20} MiB, peak {peak >> 20} MiB, bound {bound >> 20} MiB");
        }
        finally
        {
            store.Close();
        }
    }
}
