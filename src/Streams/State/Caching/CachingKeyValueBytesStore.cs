using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// Write-back caching layer: writes land in the task's <see cref="ThreadCache"/> and reach the layer
/// below (and so the changelog) only on flush or eviction, keeping the latest value per key. Reads see
/// cached writes first. An optional flush listener receives exactly what is written below, which is
/// how aggregations emit only their latest result per key on commit.
/// </summary>
internal sealed class CachingKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore
{
    private ThreadCache? _cache;
    private string _namespace = inner.Name;
    private IStateStoreContext? _context;
    private int _ownerThreadId;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    /// <summary>Counts only the store below: pending cached inserts are not estimated.</summary>
    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    /// <summary>Called with each batch of dirty entries after they are written below.</summary>
    public Action<IReadOnlyList<DirtyEntry>>? FlushListener { get; set; }

    public void Init(IStateStoreContext context)
    {
        _context = context;
        _ownerThreadId = Environment.CurrentManagedThreadId;
        inner.Init(context);

        // Without a runtime cache (e.g. a store opened by a unit test) a zero-byte cache makes the layer
        // write through, which is exactly Kafka Streams' behaviour with cache.max.bytes = 0.
        _cache = (context as IRecordCacheProvider)?.Cache ?? new ThreadCache(0);
        _namespace = $"{context.TaskId}-{Name}";
        _cache.AddNamespace(_namespace, WriteDown);
    }

    public byte[]? Get(Bytes key)
    {
        if (WritesThrough)
        {
            return inner.Get(key);
        }

        if (Cache.TryGet(_namespace, key, out var entry))
        {
            return entry.Value;
        }

        var value = inner.Get(key);

        // Only the task's own thread fills the cache on reads: on an interactive-query thread the insert
        // could evict a dirty entry and so run the flush listener (and downstream processors) there.
        if (value is not null && Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            Cache.Put(_namespace, key, new CacheEntry(value, IsDirty: false, Timestamp: 0));
        }

        return value;
    }

    public void Put(Bytes key, byte[]? value)
    {
        // Only the processing thread writes, so the writer is the owner even if another thread opened the store.
        _ownerThreadId = Environment.CurrentManagedThreadId;
        if (WritesThrough)
        {
            WriteDown([new DirtyEntry(key, value, Context.CurrentTimestamp)]);
            return;
        }

        Cache.Put(_namespace, key, new CacheEntry(value, IsDirty: true, Context.CurrentTimestamp));
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
        WritesThrough ? inner.Range(from, to) : new MergedCacheIterator(Cache.SortedRange(_namespace, from, to, prefix: null), inner.Range(from, to));

    public IKeyValueIterator<Bytes, byte[]> All() => Range(null, null);

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) =>
        WritesThrough ? inner.PrefixScan(prefix) : new MergedCacheIterator(Cache.SortedRange(_namespace, prefix, null, prefix), inner.PrefixScan(prefix));

    public void Flush()
    {
        Cache.Flush(_namespace);
        inner.Flush();
    }

    public void Sync() => inner.Sync();

    public void Close()
    {
        // Closing flushes nothing: a clean close calls Flush first; an unclean one must drop the writes.
        _cache?.RemoveNamespace(_namespace);
        inner.Close();
    }

    private void WriteDown(IReadOnlyList<DirtyEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (inner is ITimestampedBytesWriter logged)
            {
                logged.Put(entry.Key, entry.Value, entry.Timestamp);
            }
            else
            {
                inner.Put(entry.Key, entry.Value);
            }
        }

        FlushListener?.Invoke(entries);
    }

    /// <summary>
    /// A zero-byte cache holds nothing between calls (every entry put is evicted, so written below, at once), so
    /// reads and writes go straight below without the cache's lookups, insertions and evictions.
    /// </summary>
    private bool WritesThrough => Cache.MaxBytes == 0;

    private ThreadCache Cache => _cache ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");

    private IStateStoreContext Context => _context ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");
}
