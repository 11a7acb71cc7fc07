using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Holds every write in memory until the task commits, then writes the latest value per key below (and so
/// to the changelog) in one step that runs after all other stores are flushed and the task's output is
/// acknowledged. Reads, including interactive queries from other threads, see the held writes first.
/// </summary>
/// <remarks>
/// Meant for stores that record progress rather than results: ids of applied events, dirty marks, parked
/// events, the last list emitted. Such an entry suppresses work on replay, so it must never become durable
/// before the effect it stands for (see docs/reliability.md, "Crash model"). Nothing is ever evicted early:
/// the task asks for a commit once the held bytes pass <see cref="StreamsOptions.DeferredWritesMaxBytesPerTask"/>.
/// </remarks>
internal sealed class CommitDeferredKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore, IDeferredWrites
{
    private readonly Lock _lock = new();
    private Dictionary<Bytes, byte[]?> _held = [];
    private long _heldBytes;
    private bool _writeThrough;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    /// <summary>Counts only the store below: held inserts are not estimated.</summary>
    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public long HeldBytes
    {
        get
        {
            lock (_lock)
            {
                return _heldBytes;
            }
        }
    }

    public void Init(IStateStoreContext context)
    {
        inner.Init(context);

        // Without a runtime that commits (a store opened by a unit test) there is no commit to wait for.
        if (context is IDeferredWriteRegistry registry)
        {
            registry.RegisterDeferredWrites(this);
        }
        else
        {
            _writeThrough = true;
        }
    }

    public byte[]? Get(Bytes key)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(key, out var held))
            {
                return held;
            }
        }

        return inner.Get(key);
    }

    public void Put(Bytes key, byte[]? value)
    {
        if (_writeThrough)
        {
            inner.Put(key, value);
            return;
        }

        lock (_lock)
        {
            if (_held.TryGetValue(key, out var previous))
            {
                _heldBytes -= EntryBytes(key, previous);
            }

            _held[key] = value;
            _heldBytes += EntryBytes(key, value);
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
        var old = Get(key);
        Put(key, null);
        return old;
    }

    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to) =>
        new MergedCacheIterator(HeldRange(from, to, prefix: null), inner.Range(from, to));

    public IKeyValueIterator<Bytes, byte[]> All() => Range(null, null);

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) =>
        new MergedCacheIterator(HeldRange(prefix, null, prefix), inner.PrefixScan(prefix));

    /// <summary>An ordinary flush leaves the held writes alone: only the commit step writes them.</summary>
    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    public void WriteDeferred()
    {
        Dictionary<Bytes, byte[]?> held;
        lock (_lock)
        {
            if (_held.Count == 0)
            {
                return;
            }

            held = _held;
        }

        inner.PutAll(held.ToList());
        inner.Flush();

        // Readers keep seeing the held values until they are below, then the store below answers.
        lock (_lock)
        {
            _held = [];
            _heldBytes = 0;
        }
    }

    /// <summary>Closing writes nothing: a clean close commits first; an unclean one must drop the held writes.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _held = [];
            _heldBytes = 0;
        }

        inner.Close();
    }

    private static long EntryBytes(Bytes key, byte[]? value) => key.Length + (value?.Length ?? 0) + CacheEntry.OverheadBytes;

    private List<KeyValuePair<Bytes, CacheEntry>> HeldRange(Bytes? from, Bytes? to, Bytes? prefix)
    {
        var result = new List<KeyValuePair<Bytes, CacheEntry>>();
        lock (_lock)
        {
            foreach (var (key, value) in _held)
            {
                if (key.IsWithin(from, to, prefix))
                {
                    result.Add(new(key, new CacheEntry(value, IsDirty: true, Timestamp: 0)));
                }
            }
        }

        result.Sort((a, b) => a.Key.CompareTo(b.Key));
        return result;
    }
}
