using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State.Builders;
using RecoStreams.Streams.State.InMemory;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State;

/// <summary>Factory for store suppliers and builders, after Kafka Streams' <c>Stores</c>.</summary>
public static class Stores
{
    public static IKeyValueBytesStoreSupplier InMemoryKeyValueStore(string name) => new InMemoryKeyValueBytesStoreSupplier(name);

    /// <param name="segmentInterval">Width of one time segment; defaults to Kafka's max(retention / 2, 1 min).</param>
    public static IWindowBytesStoreSupplier InMemoryWindowStore(string name, TimeSpan retention, TimeSpan windowSize, TimeSpan? segmentInterval = null)
    {
        var retentionMs = (long)retention.TotalMilliseconds;
        return new InMemoryWindowBytesStoreSupplier(
            name,
            retentionMs,
            (long)windowSize.TotalMilliseconds,
            segmentInterval is { } interval ? (long)interval.TotalMilliseconds : Segments.DefaultIntervalMs(retentionMs));
    }

    public static KeyValueStoreBuilder<TKey, TValue> KeyValueStoreBuilder<TKey, TValue>(
        IKeyValueBytesStoreSupplier supplier, ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => new(supplier, keySerde, valueSerde);

    public static WindowStoreBuilder<TKey, TValue> WindowStoreBuilder<TKey, TValue>(
        IWindowBytesStoreSupplier supplier, ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => new(supplier, keySerde, valueSerde);
}
