namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Keeps the whole contents of the store below in a sorted in-memory map, so gets and scans never reach it.
/// The map is filled by one scan of the store below at the first write, and every later write goes through
/// this layer, so the two stay equal. Only processors write, and they start after restoration (which writes
/// to the bottom layer directly); reads before the first write, such as an interactive query during
/// restoration, go below, so a map is never filled from a half-restored store.
/// </summary>
/// <remarks>
/// Meant for small stores of progress marks that are scanned whole and often (dirty users, dirty items): in
/// RocksDB such a scan steps over the tombstone of every mark removed since the last compaction, so its cost
/// grows with everything ever marked rather than with what is marked now. Memory is the store's live contents.
/// Writes still go below at once; with deferred writes below, they reach the store and changelog at the commit.
/// </remarks>
internal sealed class InMemoryMirroredKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore
{
    private readonly Lock _lock = new();
    private SortedDictionary<Bytes, byte[]>? _mirror;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public long ApproximateNumEntries
    {
        get
        {
            lock (_lock)
            {
                return _mirror?.Count ?? inner.ApproximateNumEntries;
            }
        }
    }

    public void Init(IStateStoreContext context) => inner.Init(context);

    public byte[]? Get(Bytes key)
    {
        lock (_lock)
        {
            return _mirror is { } mirror ? mirror.GetValueOrDefault(key) : inner.Get(key);
        }
    }

    public void Put(Bytes key, byte[]? value)
    {
        lock (_lock)
        {
            PutLocked(key, value);
        }
    }

    public void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries)
    {
        foreach (var (key, value) in entries)
        {
            Put(key, value);
        }
    }

    public byte[]? Delete(Bytes key)
    {
        lock (_lock)
        {
            var old = Filled().GetValueOrDefault(key);
            PutLocked(key, null);
            return old;
        }
    }

    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to) => Snapshot(from, to, prefix: null);

    public IKeyValueIterator<Bytes, byte[]> All() => Snapshot(null, null, null);

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) => Snapshot(prefix, null, prefix);

    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    /// <summary>Forgets the map: a store opened again is filled again from what is below it then.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _mirror = null;
        }

        inner.Close();
    }

    private void PutLocked(Bytes key, byte[]? value)
    {
        var mirror = Filled();
        inner.Put(key, value);
        if (value is null)
        {
            mirror.Remove(key);
        }
        else
        {
            mirror[key] = value;
        }
    }

    private SortedDictionary<Bytes, byte[]> Filled()
    {
        if (_mirror is { } mirror)
        {
            return mirror;
        }

        mirror = [];
        using (var all = inner.All())
        {
            while (all.MoveNext())
            {
                mirror.Add(all.Current.Key, all.Current.Value);
            }
        }

        _mirror = mirror;
        return mirror;
    }

    // A copy, so a caller may write while it iterates (as RocksDB's snapshot iterators allow).
    private IKeyValueIterator<Bytes, byte[]> Snapshot(Bytes? from, Bytes? to, Bytes? prefix)
    {
        var entries = new List<KeyValuePair<Bytes, byte[]>>();
        lock (_lock)
        {
            if (_mirror is null)
            {
                return prefix is { } p ? inner.PrefixScan(p) : inner.Range(from, to);
            }

            foreach (var entry in _mirror)
            {
                if (to is { } last && entry.Key > last)
                {
                    break;
                }

                if (prefix is { } p && entry.Key > p && !entry.Key.StartsWith(p))
                {
                    break;
                }

                if (entry.Key.IsWithin(from, to, prefix))
                {
                    entries.Add(entry);
                }
            }
        }

        return new SnapshotIterator<Bytes, byte[]>(entries);
    }
}
