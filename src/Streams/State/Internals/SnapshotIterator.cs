namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// An iterator over entries copied out of a store under its lock, so callers may keep iterating while
/// the task writes (the copy never changes underneath them).
/// </summary>
internal sealed class SnapshotIterator<TKey, TValue> : IKeyValueIterator<TKey, TValue>
{
    private readonly IReadOnlyList<KeyValuePair<TKey, TValue>> _entries;
    private int _position = -1;
    private bool _disposed;

    public SnapshotIterator(IReadOnlyList<KeyValuePair<TKey, TValue>> entries) => _entries = entries;

    /// <summary>A fresh empty iterator (not shared: disposing one must not affect another).</summary>
    public static SnapshotIterator<TKey, TValue> Empty => new([]);

    public KeyValuePair<TKey, TValue> Current =>
        _position >= 0 && _position < _entries.Count
            ? _entries[_position]
            : throw new InvalidOperationException("The iterator is not positioned on an entry.");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position < _entries.Count)
        {
            _position++;
        }

        return _position < _entries.Count;
    }

    public bool TryPeekNextKey(out TKey key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = _position + 1;
        if (next < _entries.Count)
        {
            key = _entries[next].Key;
            return true;
        }

        key = default!;
        return false;
    }

    public void Reset() => _position = -1;

    public void Dispose() => _disposed = true;
}
