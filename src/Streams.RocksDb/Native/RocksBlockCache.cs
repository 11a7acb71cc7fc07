using System.Collections.Concurrent;
using RecoStreams.Streams.RocksDb.Native.Handles;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>
/// An LRU block cache shared by every store in the process that asks for the same capacity, so memory
/// for data, index and filter blocks is bounded once per process rather than once per store (the
/// bounded-memory setup Kafka Streams documents). Shared caches live as long as the process.
/// </summary>
public sealed class RocksBlockCache
{
    private static readonly ConcurrentDictionary<long, RocksBlockCache> SharedCaches = new();

    private RocksBlockCache(long capacityBytes)
    {
        Handle = RocksDbNative.CacheCreateLru((nuint)capacityBytes);
        if (Handle.IsInvalid)
        {
            throw new RocksDbException($"RocksDB could not create an LRU cache of {capacityBytes} bytes.");
        }
    }

    public long CapacityBytes => (long)RocksDbNative.CacheGetCapacity(Handle);

    /// <summary>Bytes of blocks currently held, including pinned index and filter blocks.</summary>
    public long UsageBytes => (long)RocksDbNative.CacheGetUsage(Handle);

    internal CacheHandle Handle { get; }

    public static RocksBlockCache Shared(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        return SharedCaches.GetOrAdd(capacityBytes, static capacity => new RocksBlockCache(capacity));
    }
}
