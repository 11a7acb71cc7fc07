using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.RocksDb.Window;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.RocksDb;

/// <summary>Suppliers of RocksDB-backed stores, after Kafka Streams' <c>Stores.persistent*</c> factories.</summary>
public static class RocksDbStores
{
    public static IKeyValueBytesStoreSupplier PersistentKeyValueStore(string name, RocksDbOptions? options = null) =>
        new RocksDbKeyValueBytesStoreSupplier(name, options ?? RocksDbOptions.Default);

    /// <param name="segmentInterval">Width of one segment; defaults to Kafka's max(retention / 2, 1 min), about three live segments.</param>
    /// <param name="options">Per-segment options; defaults to <see cref="RocksDbOptions.ForWindowSegments"/> of the defaults.</param>
    public static IWindowBytesStoreSupplier PersistentWindowStore(
        string name, TimeSpan retention, TimeSpan windowSize, TimeSpan? segmentInterval = null, RocksDbOptions? options = null)
    {
        var retentionMs = (long)retention.TotalMilliseconds;
        return new RocksDbWindowBytesStoreSupplier(
            name,
            retentionMs,
            (long)windowSize.TotalMilliseconds,
            segmentInterval is { } interval ? (long)interval.TotalMilliseconds : Segments.DefaultIntervalMs(retentionMs),
            options ?? RocksDbOptions.Default.ForWindowSegments());
    }
}
