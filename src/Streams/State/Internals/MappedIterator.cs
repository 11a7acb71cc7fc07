namespace RecoStreams.Streams.State.Internals;

/// <summary>Deserializes the entries of a byte-level iterator lazily, as the caller moves.</summary>
internal sealed class MappedIterator<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    IKeyValueIterator<TKeyIn, TValueIn> inner,
    Func<TKeyIn, TKeyOut> mapKey,
    Func<TValueIn, TValueOut> mapValue) : IKeyValueIterator<TKeyOut, TValueOut>
{
    private KeyValuePair<TKeyOut, TValueOut>? _current;

    public KeyValuePair<TKeyOut, TValueOut> Current =>
        _current ?? throw new InvalidOperationException("The iterator is not positioned on an entry.");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            _current = null;
            return false;
        }

        var (key, value) = inner.Current;
        _current = new(mapKey(key), mapValue(value));
        return true;
    }

    public bool TryPeekNextKey(out TKeyOut key)
    {
        if (inner.TryPeekNextKey(out var raw))
        {
            key = mapKey(raw);
            return true;
        }

        key = default!;
        return false;
    }

    public void Reset() => throw new NotSupportedException("Store iterators are forward-only.");

    public void Dispose() => inner.Dispose();
}
