namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// The cache of one store within a <see cref="ThreadCache"/>: entries in LRU order plus the keys
/// written since the last flush, in first-dirtied order. Not thread-safe: the ThreadCache locks.
/// </summary>
internal sealed class NamedCache(string name, Action<IReadOnlyList<DirtyEntry>> flushCallback)
{
    private readonly Dictionary<Bytes, LinkedListNode<(Bytes Key, CacheEntry Entry)>> _entries = [];
    private readonly LinkedList<(Bytes Key, CacheEntry Entry)> _lru = new();
    private readonly List<Bytes> _dirtyOrder = [];
    private readonly HashSet<Bytes> _dirty = [];

    public string Name { get; } = name;

    public long SizeBytes { get; private set; }

    public int Count => _entries.Count;

    public int DirtyCount => _dirtyOrder.Count;

    public bool TryGet(Bytes key, out CacheEntry entry)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _lru.Remove(node);
            _lru.AddFirst(node);
            entry = node.Value.Entry;
            return true;
        }

        entry = default;
        return false;
    }

    public void Put(Bytes key, CacheEntry entry)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            SizeBytes -= node.Value.Entry.SizeBytes(key);
            _lru.Remove(node);

            // A clean read must not clear a pending write of the same key.
            if (node.Value.Entry.IsDirty && !entry.IsDirty)
            {
                entry = node.Value.Entry;
            }
        }

        node = _lru.AddFirst((key, entry));
        _entries[key] = node;
        SizeBytes += entry.SizeBytes(key);
        if (entry.IsDirty && _dirty.Add(key))
        {
            _dirtyOrder.Add(key);
        }
    }

    /// <summary>Hands every dirty entry to the store (which writes it below) and marks them clean.</summary>
    public void Flush()
    {
        if (_dirtyOrder.Count == 0)
        {
            return;
        }

        var batch = new List<DirtyEntry>(_dirtyOrder.Count);
        foreach (var key in _dirtyOrder)
        {
            var node = _entries[key];
            var entry = node.Value.Entry;
            batch.Add(new DirtyEntry(key, entry.Value, entry.Timestamp));
            node.Value = (key, entry with { IsDirty = false });
        }

        _dirtyOrder.Clear();
        _dirty.Clear();
        flushCallback(batch);
    }

    /// <summary>Drops the least recently used entry, flushing first if it holds an unwritten change.</summary>
    public bool EvictEldest()
    {
        if (_lru.Last is not { } eldest)
        {
            return false;
        }

        if (eldest.Value.Entry.IsDirty)
        {
            // Flush everything dirty, not just the eldest, so the store below sees writes in order.
            Flush();
        }

        _lru.Remove(eldest);
        _entries.Remove(eldest.Value.Key);
        SizeBytes -= eldest.Value.Entry.SizeBytes(eldest.Value.Key);
        return true;
    }

    /// <summary>Entries with from &lt;= key &lt;= to (null = open), sorted by key; a copy, safe to hold.</summary>
    public List<KeyValuePair<Bytes, CacheEntry>> SortedRange(Bytes? from, Bytes? to, Bytes? prefix)
    {
        var result = new List<KeyValuePair<Bytes, CacheEntry>>();
        foreach (var (key, node) in _entries)
        {
            if (key.IsWithin(from, to, prefix))
            {
                result.Add(new(key, node.Value.Entry));
            }
        }

        result.Sort((a, b) => a.Key.CompareTo(b.Key));
        return result;
    }

    public void Clear()
    {
        _entries.Clear();
        _lru.Clear();
        _dirtyOrder.Clear();
        _dirty.Clear();
        SizeBytes = 0;
    }
}
