using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Iteration;

/// <summary>
/// Base of the RocksDB store iterators: reads one entry ahead (for TryPeekNextKey), copies entries out of
/// native memory, unregisters itself on dispose, and reports a store closed underneath it as
/// <see cref="InvalidStateStoreException"/>.
/// </summary>
internal abstract class StoreIterator<TKey, TValue> : IKeyValueIterator<TKey, TValue>, IStoreOwnedIterator
{
    private readonly string _storeName;
    private readonly OpenIterators _registry;
    private KeyValuePair<TKey, TValue> _current;
    private KeyValuePair<TKey, TValue> _next;
    private bool _hasCurrent;
    private bool _hasNext;
    private bool _exhausted;
    private volatile bool _closedByStore;
    private int _disposed;

    /// <summary>The store adds the iterator to <paramref name="registry"/> once it is fully constructed.</summary>
    protected StoreIterator(string storeName, OpenIterators registry)
    {
        _storeName = storeName;
        _registry = registry;
    }

    public KeyValuePair<TKey, TValue> Current =>
        _hasCurrent ? _current : throw new InvalidOperationException("The iterator is not positioned on an entry.");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        Fill();
        _hasCurrent = _hasNext;
        _current = _next;
        _hasNext = false;
        return _hasCurrent;
    }

    public bool TryPeekNextKey(out TKey key)
    {
        Fill();
        key = _hasNext ? _next.Key : default!;
        return _hasNext;
    }

    /// <summary>RocksDB iterators only move forward; create a new iterator instead.</summary>
    public void Reset() => throw new NotSupportedException("Store iterators cannot be reset; open a new one.");

    public void CloseByStore()
    {
        _closedByStore = true;
        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReleaseNativeIterators();
            _registry.Remove(this);
        }
    }

    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Reads the entry after the last one read (the first one on the first call); false at the end.</summary>
    protected abstract bool TryReadNext(out KeyValuePair<TKey, TValue> entry);

    protected abstract void ReleaseNativeIterators();

    private void Fill()
    {
        ThrowIfUnusable(null);
        if (_hasNext || _exhausted)
        {
            return;
        }

        try
        {
            _hasNext = TryReadNext(out _next);
            _exhausted = !_hasNext;
        }
        catch (ObjectDisposedException e)
        {
            ThrowIfUnusable(e);
            throw;
        }
    }

    private void ThrowIfUnusable(ObjectDisposedException? cause)
    {
        if (_closedByStore)
        {
            throw InvalidStateStoreException.NotOpen(_storeName, cause);
        }

        ObjectDisposedException.ThrowIf(IsDisposed, this);
    }
}
