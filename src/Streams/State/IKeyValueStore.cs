using System.Diagnostics.CodeAnalysis;

namespace RecoStreams.Streams.State;

/// <summary>Reads of a key-value store; safe to use from interactive queries.</summary>
public interface IReadOnlyKeyValueStore<TKey, TValue>
{
    bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Entries with from &lt;= key &lt;= to in serialized-key order; a null bound is open.</summary>
    IKeyValueIterator<TKey, TValue> Range(TKey? from, TKey? to);

    IKeyValueIterator<TKey, TValue> All();

    /// <summary>An estimate (RocksDB's "estimate-num-keys"); exact for in-memory stores.</summary>
    long ApproximateNumEntries { get; }
}

/// <summary>A typed key-value store (Kafka Streams' KeyValueStore).</summary>
public interface IKeyValueStore<TKey, TValue> : IStateStore, IReadOnlyKeyValueStore<TKey, TValue>
{
    void Put(TKey key, TValue value);

    void PutAll(IEnumerable<KeyValuePair<TKey, TValue>> entries);

    /// <summary>Removes the key; returns whether it was present.</summary>
    bool Delete(TKey key);

    /// <summary>Entries whose serialized key starts with the serialized <paramref name="prefix"/>.</summary>
    IKeyValueIterator<TKey, TValue> PrefixScan<TPrefix>(TPrefix prefix, Serialization.ISerde<TPrefix> prefixSerde);
}

/// <summary>
/// The byte-level store that persistent and in-memory implementations provide; the typed, caching and
/// change-logging layers wrap it. Keys order as unsigned bytes. A null value in Put deletes.
/// </summary>
public interface IKeyValueBytesStore : IStateStore
{
    byte[]? Get(Bytes key);

    void Put(Bytes key, byte[]? value);

    void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries);

    /// <summary>Removes the key and returns the old value, if any.</summary>
    byte[]? Delete(Bytes key);

    IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to);

    IKeyValueIterator<Bytes, byte[]> All();

    IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix);

    long ApproximateNumEntries { get; }
}

public static class KeyValueStoreExtensions
{
    public static TValue? Get<TKey, TValue>(this IReadOnlyKeyValueStore<TKey, TValue> store, TKey key)
        where TValue : class => store.TryGet(key, out var value) ? value : null;

    public static TValue GetOrDefault<TKey, TValue>(this IReadOnlyKeyValueStore<TKey, TValue> store, TKey key, TValue fallback) =>
        store.TryGet(key, out var value) ? value : fallback;
}
