namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// Merges a sorted snapshot of cached entries with the sorted iterator of the store below: where both
/// hold a key the cache wins (it is newer), and cached deletes hide the stored value.
/// </summary>
internal sealed class MergedCacheIterator(List<KeyValuePair<Bytes, CacheEntry>> cached, IKeyValueIterator<Bytes, byte[]> stored)
    : IKeyValueIterator<Bytes, byte[]>
{
    private int _cacheIndex;
    private KeyValuePair<Bytes, byte[]>? _current;
    private KeyValuePair<Bytes, byte[]>? _next;
    private bool _storedHasNext = stored.MoveNext();

    public KeyValuePair<Bytes, byte[]> Current =>
        _current ?? throw new InvalidOperationException("The iterator is not positioned on an entry.");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        _current = _next ?? Advance();
        _next = null;
        return _current is not null;
    }

    public bool TryPeekNextKey(out Bytes key)
    {
        _next ??= Advance();
        key = _next?.Key ?? default;
        return _next is not null;
    }

    public void Reset() => throw new NotSupportedException("Store iterators are forward-only.");

    public void Dispose() => stored.Dispose();

    private KeyValuePair<Bytes, byte[]>? Advance()
    {
        while (_cacheIndex < cached.Count || _storedHasNext)
        {
            var takeCache = _cacheIndex < cached.Count &&
                            (!_storedHasNext || cached[_cacheIndex].Key <= stored.Current.Key);
            if (!takeCache)
            {
                var fromStore = stored.Current;
                _storedHasNext = stored.MoveNext();
                return fromStore;
            }

            var (key, entry) = cached[_cacheIndex++];
            if (_storedHasNext && stored.Current.Key == key)
            {
                _storedHasNext = stored.MoveNext(); // Shadowed by the newer cached value (or delete).
            }

            if (entry.Value is { } value)
            {
                return new(key, value);
            }
        }

        return null;
    }
}
