using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Iteration;

/// <summary>The answer to an inverted range: nothing, without touching RocksDB.</summary>
internal sealed class EmptyIterator<TKey, TValue> : IKeyValueIterator<TKey, TValue>
{
    private bool _disposed;

    public KeyValuePair<TKey, TValue> Current => throw new InvalidOperationException("The iterator is empty.");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return false;
    }

    public bool TryPeekNextKey(out TKey key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        key = default!;
        return false;
    }

    public void Reset()
    {
    }

    public void Dispose() => _disposed = true;
}
