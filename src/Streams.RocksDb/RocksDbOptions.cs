using RecoStreams.Streams.RocksDb.Native;

namespace RecoStreams.Streams.RocksDb;

/// <summary>
/// Tuning of the RocksDB instances behind the persistent stores. Defaults suit a 2-core, 24 GiB machine
/// running a few dozen stores per process.
/// </summary>
/// <remarks>
/// Memory bound these options imply (RocksDB's own allocations; index and filter blocks are charged to
/// the block cache, so they do not grow with data size):
/// <code>
/// BlockCacheBytes (once per process per distinct value)
///   + open RocksDB instances × WriteBufferBytes × MaxWriteBuffers (memtables; writes stall at the cap)
///   + a few MiB per instance (table readers, WAL buffers, iterator pins)
/// </code>
/// With the defaults: 64 MiB + 48 MiB per instance. A segmented window store opens one instance per live
/// segment, so size its write buffers down (see <see cref="ForWindowSegments"/>).
/// </remarks>
public sealed record RocksDbOptions
{
    public static RocksDbOptions Default { get; } = new();

    /// <summary>Capacity of the process-wide LRU block cache shared by every store with the same value.</summary>
    public long BlockCacheBytes { get; init; } = 64L << 20;

    /// <summary>Size of one memtable before it is frozen and flushed (RocksDB's write_buffer_size).</summary>
    public long WriteBufferBytes { get; init; } = 16L << 20;

    /// <summary>Memtables per instance, active plus being flushed; writes stall when all are full.</summary>
    public int MaxWriteBuffers { get; init; } = 3;

    /// <summary>Bits per key of the full bloom filter (10 ≈ 1% false positives); 0 disables it.</summary>
    public double BloomFilterBitsPerKey { get; init; } = 10;

    /// <summary>LZ4: cheap on CPU, which is the scarce resource on 2 cores; Debian's build links it.</summary>
    public RocksDbCompression Compression { get; init; } = RocksDbCompression.Lz4;

    /// <summary>Flush and compaction threads per instance; matches the core count.</summary>
    public int MaxBackgroundJobs { get; init; } = 2;

    /// <summary>Open SST file limit per instance; -1 keeps all open (Kafka Streams' default).</summary>
    public int MaxOpenFiles { get; init; } = -1;

    /// <summary>Smaller memtables for the per-segment instances of a window store (4 MiB × 2).</summary>
    public RocksDbOptions ForWindowSegments() =>
        this with { WriteBufferBytes = Math.Min(WriteBufferBytes, 4L << 20), MaxWriteBuffers = Math.Min(MaxWriteBuffers, 2) };

    /// <summary>Memtable memory one instance may hold at most.</summary>
    public long MemtableBytesPerInstance => WriteBufferBytes * MaxWriteBuffers;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BlockCacheBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteBufferBytes, 64L << 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteBuffers, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(BloomFilterBitsPerKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBackgroundJobs);
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "Unknown compression type.");
        }
    }
}
