namespace RecoStreams.Streams.State;

/// <summary>Reads of a window store; safe to use from interactive queries.</summary>
public interface IReadOnlyWindowStore<TKey, TValue>
{
    /// <summary>The value of one key in the window starting at <paramref name="windowStartMs"/>.</summary>
    bool TryFetch(TKey key, long windowStartMs, out TValue value);

    /// <summary>The windows of one key whose start lies in [timeFromMs, timeToMs], oldest first.</summary>
    IKeyValueIterator<long, TValue> Fetch(TKey key, long timeFromMs, long timeToMs);

    /// <summary>Every key's windows whose start lies in [timeFromMs, timeToMs].</summary>
    IKeyValueIterator<Windowed<TKey>, TValue> FetchAll(long timeFromMs, long timeToMs);

    IKeyValueIterator<Windowed<TKey>, TValue> All();
}

/// <summary>
/// A typed window store (Kafka Streams' WindowStore): values keyed by (key, window start), kept for a
/// retention period and dropped a whole time segment at a time once stream time passes it.
/// </summary>
public interface IWindowStore<TKey, TValue> : IStateStore, IReadOnlyWindowStore<TKey, TValue>
{
    void Put(TKey key, TValue value, long windowStartMs);
}

/// <summary>The byte-level window store. A null value in Put deletes that window of that key.</summary>
public interface IWindowBytesStore : IStateStore
{
    /// <summary>Window size (ms), so Windowed keys can carry their end.</summary>
    long WindowSizeMs { get; }

    long RetentionMs { get; }

    void Put(Bytes key, byte[]? value, long windowStartMs);

    byte[]? Fetch(Bytes key, long windowStartMs);

    IKeyValueIterator<long, byte[]> Fetch(Bytes key, long timeFromMs, long timeToMs);

    IKeyValueIterator<Windowed<Bytes>, byte[]> FetchAll(long timeFromMs, long timeToMs);

    IKeyValueIterator<Windowed<Bytes>, byte[]> All();
}
