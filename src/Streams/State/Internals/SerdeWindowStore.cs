using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.State.Internals;

/// <summary>The outermost, typed layer of a window store: serdes around the byte layers.</summary>
internal sealed class SerdeWindowStore<TKey, TValue>(IWindowBytesStore inner, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    : IWindowStore<TKey, TValue>
{
    private string _topic = inner.Name;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public void Init(IStateStoreContext context)
    {
        _topic = ChangelogTopics.NameFor(context.ApplicationId, Name);
        inner.Init(context);
    }

    public void Put(TKey key, TValue value, long windowStartMs) =>
        inner.Put(SerializeKey(key), value is null ? null : valueSerde.Serialize(value, new SerdeContext(_topic, IsKey: false)), windowStartMs);

    public bool TryFetch(TKey key, long windowStartMs, out TValue value)
    {
        if (inner.Fetch(SerializeKey(key), windowStartMs) is { } bytes)
        {
            value = DeserializeValue(bytes);
            return true;
        }

        value = default!;
        return false;
    }

    public IKeyValueIterator<long, TValue> Fetch(TKey key, long timeFromMs, long timeToMs) =>
        new MappedIterator<long, byte[], long, TValue>(inner.Fetch(SerializeKey(key), timeFromMs, timeToMs), t => t, DeserializeValue);

    public IKeyValueIterator<Windowed<TKey>, TValue> FetchAll(long timeFromMs, long timeToMs) => MapWindowed(inner.FetchAll(timeFromMs, timeToMs));

    public IKeyValueIterator<Windowed<TKey>, TValue> All() => MapWindowed(inner.All());

    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    public void Close() => inner.Close();

    private Bytes SerializeKey(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Bytes.Wrap(keySerde.Serialize(key, new SerdeContext(_topic, IsKey: true)));
    }

    private TValue DeserializeValue(byte[] bytes) => valueSerde.Deserialize(bytes, new SerdeContext(_topic, IsKey: false));

    private MappedIterator<Windowed<Bytes>, byte[], Windowed<TKey>, TValue> MapWindowed(IKeyValueIterator<Windowed<Bytes>, byte[]> bytes) =>
        new(
            bytes,
            w => new Windowed<TKey>(keySerde.Deserialize(w.Key.Span, new SerdeContext(_topic, IsKey: true)), w.StartMs, w.EndMs),
            DeserializeValue);
}
