using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.InMemory;

/// <summary>
/// A key-value byte store held in memory, ordered by unsigned bytes. Not persistent: after a restart it
/// is rebuilt from its changelog.
/// </summary>
/// <remarks>
/// Thread-safety: the owning task writes while interactive queries read from other threads, so every
/// operation takes one lock. Iterators copy the matching entries out under the lock (a snapshot), so a
/// caller may iterate for as long as it likes, and may write to the store while iterating, without
/// blocking the task or seeing a half-applied change. The copy costs O(k) for k entries in range.
/// </remarks>
public sealed class InMemoryKeyValueBytesStore : IKeyValueBytesStore
{
    private readonly Lock _lock = new();
    private readonly SortedSet<Bytes> _keys = [];
    private readonly Dictionary<Bytes, byte[]> _values = [];
    private volatile bool _open;

    public InMemoryKeyValueBytesStore(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public bool Persistent => false;

    public bool IsOpen => _open;

    public long ApproximateNumEntries
    {
        get
        {
            lock (_lock)
            {
                return _values.Count;
            }
        }
    }

    public void Init(IStateStoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Register(this, new RestoreCallback(this));
        _open = true;
    }

    public byte[]? Get(Bytes key)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault(key);
        }
    }

    public void Put(Bytes key, byte[]? value)
    {
        lock (_lock)
        {
            PutUnlocked(key, value);
        }
    }

    public void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            foreach (var (key, value) in entries)
            {
                PutUnlocked(key, value);
            }
        }
    }

    public byte[]? Delete(Bytes key)
    {
        lock (_lock)
        {
            if (!_values.Remove(key, out var old))
            {
                return null;
            }

            _keys.Remove(key);
            return old;
        }
    }

    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to)
    {
        if (from is { } f && to is { } t && f > t)
        {
            // Kafka Streams returns an empty iterator for an inverted range rather than failing the task.
            return SnapshotIterator<Bytes, byte[]>.Empty;
        }

        lock (_lock)
        {
            if (_keys.Count == 0)
            {
                return SnapshotIterator<Bytes, byte[]>.Empty;
            }

            var lower = from ?? _keys.Min;
            var upper = to ?? _keys.Max;
            return lower > upper ? SnapshotIterator<Bytes, byte[]>.Empty : Snapshot(_keys.GetViewBetween(lower, upper), _ => true);
        }
    }

    public IKeyValueIterator<Bytes, byte[]> All() => Range(null, null);

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix)
    {
        lock (_lock)
        {
            if (_keys.Count == 0 || prefix > _keys.Max)
            {
                return SnapshotIterator<Bytes, byte[]>.Empty;
            }

            return Snapshot(_keys.GetViewBetween(prefix, _keys.Max), key => key.StartsWith(prefix));
        }
    }

    /// <summary>Nothing to flush: every write is already applied in memory.</summary>
    public void Flush()
    {
    }

    /// <summary>Nothing to sync: the store has no files.</summary>
    public void Sync()
    {
    }

    public void Close()
    {
        _open = false;
        lock (_lock)
        {
            _keys.Clear();
            _values.Clear();
        }
    }

    private void PutUnlocked(Bytes key, byte[]? value)
    {
        if (value is null)
        {
            if (_values.Remove(key))
            {
                _keys.Remove(key);
            }

            return;
        }

        if (_values.TryAdd(key, value))
        {
            _keys.Add(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    // Keys are sorted, so the copy stops at the first key that fails the predicate (the end of a prefix).
    private SnapshotIterator<Bytes, byte[]> Snapshot(SortedSet<Bytes> view, Func<Bytes, bool> whileTrue)
    {
        var entries = new List<KeyValuePair<Bytes, byte[]>>();
        foreach (var key in view)
        {
            if (!whileTrue(key))
            {
                break;
            }

            entries.Add(new(key, _values[key]));
        }

        return new SnapshotIterator<Bytes, byte[]>(entries);
    }

    private sealed class RestoreCallback(InMemoryKeyValueBytesStore store) : IStateRestoreCallback
    {
        public void RestoreBatch(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records)
        {
            lock (store._lock)
            {
                foreach (var (key, value) in records)
                {
                    store.PutUnlocked(Bytes.Wrap(key), value);
                }
            }
        }
    }
}
