using System.Diagnostics.CodeAnalysis;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// The outermost, typed layer of a key-value store: serializes keys and values with the store's serdes
/// (in the context of its changelog topic, as Kafka Streams does) and delegates to the byte layers.
/// </summary>
internal sealed class SerdeKeyValueStore<TKey, TValue>(IKeyValueBytesStore inner, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    : IKeyValueStore<TKey, TValue>, ICachedStateStore<TKey, TValue>
{
    private string _topic = inner.Name;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public void Init(IStateStoreContext context)
    {
        _topic = ChangelogTopics.NameFor(context.ApplicationId, Name);
        inner.Init(context);
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (inner.Get(SerializeKey(key)) is { } bytes)
        {
            value = DeserializeValue(bytes);
            return true;
        }

        value = default;
        return false;
    }

    public void Put(TKey key, TValue value) =>
        inner.Put(SerializeKey(key), value is null ? null : valueSerde.Serialize(value, new SerdeContext(_topic, IsKey: false)));

    public void PutAll(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        inner.PutAll(entries
            .Select(e => new KeyValuePair<Bytes, byte[]?>(
                SerializeKey(e.Key),
                e.Value is null ? null : valueSerde.Serialize(e.Value, new SerdeContext(_topic, IsKey: false))))
            .ToList());
    }

    public bool Delete(TKey key) => inner.Delete(SerializeKey(key)) is not null;

    public IKeyValueIterator<TKey, TValue> Range(TKey? from, TKey? to) =>
        Map(inner.Range(from is null ? null : SerializeKey(from), to is null ? null : SerializeKey(to)));

    public IKeyValueIterator<TKey, TValue> All() => Map(inner.All());

    public IKeyValueIterator<TKey, TValue> PrefixScan<TPrefix>(TPrefix prefix, ISerde<TPrefix> prefixSerde)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(prefixSerde);
        return Map(inner.PrefixScan(Bytes.Wrap(prefixSerde.Serialize(prefix, new SerdeContext(_topic, IsKey: true)))));
    }

    public bool SetFlushListener(Action<CachedChange<TKey, TValue>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (inner is not CachingKeyValueBytesStore caching)
        {
            return false;
        }

        caching.FlushListener = entries =>
        {
            foreach (var entry in entries)
            {
                var key = keySerde.Deserialize(entry.Key.Span, new SerdeContext(_topic, IsKey: true));
                listener(entry.Value is null
                    ? new CachedChange<TKey, TValue>(key, default, IsDelete: true, entry.Timestamp)
                    : new CachedChange<TKey, TValue>(key, DeserializeValue(entry.Value), IsDelete: false, entry.Timestamp));
            }
        };
        return true;
    }

    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    public void Close() => inner.Close();

    private Bytes SerializeKey(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Bytes.Wrap(keySerde.Serialize(key, new SerdeContext(_topic, IsKey: true)));
    }

    private TValue DeserializeValue(byte[] bytes) => valueSerde.Deserialize(bytes, new SerdeContext(_topic, IsKey: false));

    private MappedIterator<Bytes, byte[], TKey, TValue> Map(IKeyValueIterator<Bytes, byte[]> bytes) =>
        new(bytes, k => keySerde.Deserialize(k.Span, new SerdeContext(_topic, IsKey: true)), DeserializeValue);
}
