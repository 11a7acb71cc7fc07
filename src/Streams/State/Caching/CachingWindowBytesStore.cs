using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// Write-back caching layer of a window store (Kafka Streams' CachingWindowStore): writes land in the task's
/// <see cref="ThreadCache"/> under the window's changelog key and reach the layer below (and so the changelog)
/// only on flush or eviction, the latest value per key and window. An aggregation that updates the same window
/// of the same key many times between commits then writes it once. Reads see cached writes first.
/// </summary>
/// <remarks>
/// A range read has to find the cached windows of a key without scanning the whole cache, so the layer keeps an
/// index of its dirty windows by key, and every read consults only those: a clean entry's value is already below
/// (or was dropped there as expired, which a read must not undo).
/// </remarks>
internal sealed class CachingWindowBytesStore(IWindowBytesStore inner) : IWindowBytesStore
{
    private readonly Dictionary<Bytes, SortedSet<long>> _dirtyWindows = [];
    private ThreadCache? _cache;
    private string _namespace = inner.Name;
    private IStateStoreContext? _context;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public long WindowSizeMs => inner.WindowSizeMs;

    public long RetentionMs => inner.RetentionMs;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        inner.Init(context);

        // Without a runtime cache (a store opened by a unit test) a zero-byte cache writes through.
        _cache = (context as IRecordCacheProvider)?.Cache ?? new ThreadCache(0);
        _namespace = $"{context.TaskId}-{Name}";
        _cache.AddNamespace(_namespace, WriteDown);
    }

    public void Put(Bytes key, byte[]? value, long windowStartMs)
    {
        var context = _context ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");
        if (WritesThrough)
        {
            WriteBelow(key, value, windowStartMs, context.CurrentTimestamp);
            return;
        }

        lock (_dirtyWindows)
        {
            if (!_dirtyWindows.TryGetValue(key, out var starts))
            {
                _dirtyWindows[key] = starts = [];
            }

            starts.Add(windowStartMs);
        }

        // A write-through cache (zero bytes) evicts at once, which calls WriteDown and so drops the index entry.
        Cache.Put(_namespace, CacheKey(key, windowStartMs), new CacheEntry(value, IsDirty: true, context.CurrentTimestamp));
    }

    public byte[]? Fetch(Bytes key, long windowStartMs) =>
        !WritesThrough && DirtyWindowsOf(key, windowStartMs, windowStartMs) is [var (_, value)] ? value : inner.Fetch(key, windowStartMs);

    public IKeyValueIterator<long, byte[]> Fetch(Bytes key, long timeFromMs, long timeToMs)
    {
        if (WritesThrough)
        {
            return inner.Fetch(key, timeFromMs, timeToMs);
        }

        var merged = new SortedDictionary<long, byte[]?>();
        using (var below = inner.Fetch(key, timeFromMs, timeToMs))
        {
            while (below.MoveNext())
            {
                merged[below.Current.Key] = below.Current.Value;
            }
        }

        foreach (var (start, value) in DirtyWindowsOf(key, timeFromMs, timeToMs))
        {
            merged[start] = value;
        }

        return new SnapshotIterator<long, byte[]>(merged.Where(e => e.Value is not null).Select(e => KeyValuePair.Create(e.Key, e.Value!)).ToList());
    }

    /// <summary>Every key's windows in the range, by window start, then key.</summary>
    public IKeyValueIterator<Windowed<Bytes>, byte[]> FetchAll(long timeFromMs, long timeToMs)
    {
        if (WritesThrough)
        {
            return inner.FetchAll(timeFromMs, timeToMs);
        }

        var merged = new Dictionary<(Bytes Key, long Start), byte[]?>();
        using (var below = inner.FetchAll(timeFromMs, timeToMs))
        {
            while (below.MoveNext())
            {
                merged[(below.Current.Key.Key, below.Current.Key.StartMs)] = below.Current.Value;
            }
        }

        List<Bytes> keys;
        lock (_dirtyWindows)
        {
            keys = [.. _dirtyWindows.Keys];
        }

        foreach (var key in keys)
        {
            foreach (var (start, value) in DirtyWindowsOf(key, timeFromMs, timeToMs))
            {
                merged[(key, start)] = value;
            }
        }

        return new SnapshotIterator<Windowed<Bytes>, byte[]>(merged
            .Where(e => e.Value is not null)
            .OrderBy(e => e.Key.Start)
            .ThenBy(e => e.Key.Key)
            .Select(e => KeyValuePair.Create(new Windowed<Bytes>(e.Key.Key, e.Key.Start, e.Key.Start + WindowSizeMs), e.Value!))
            .ToList());
    }

    public IKeyValueIterator<Windowed<Bytes>, byte[]> All() => FetchAll(long.MinValue, long.MaxValue);

    public void Flush()
    {
        Cache.Flush(_namespace);
        inner.Flush();
    }

    public void Sync() => inner.Sync();

    /// <summary>Closing flushes nothing: a clean close calls Flush first; an unclean one must drop the writes.</summary>
    public void Close()
    {
        _cache?.RemoveNamespace(_namespace);
        lock (_dirtyWindows)
        {
            _dirtyWindows.Clear();
        }

        inner.Close();
    }

    private static Bytes CacheKey(Bytes key, long windowStartMs) => Bytes.Wrap(WindowKeySchema.ToChangelogKey(key.Span, windowStartMs));

    /// <summary>The cached writes of one key in [from, to] not yet written below (a null value deletes).</summary>
    private List<(long Start, byte[]? Value)> DirtyWindowsOf(Bytes key, long timeFromMs, long timeToMs)
    {
        var result = new List<(long, byte[]?)>();
        if (timeFromMs > timeToMs)
        {
            return result;
        }

        List<long> starts;
        lock (_dirtyWindows)
        {
            if (!_dirtyWindows.TryGetValue(key, out var all))
            {
                return result;
            }

            starts = [.. all.GetViewBetween(timeFromMs, timeToMs)];
        }

        foreach (var start in starts)
        {
            if (Cache.TryGet(_namespace, CacheKey(key, start), out var entry))
            {
                result.Add((start, entry.Value));
            }
        }

        return result;
    }

    private void WriteDown(IReadOnlyList<DirtyEntry> entries)
    {
        foreach (var entry in entries)
        {
            var (key, start) = WindowKeySchema.FromChangelogKey(entry.Key.Span);
            WriteBelow(key, entry.Value, start, entry.Timestamp);
            lock (_dirtyWindows)
            {
                if (_dirtyWindows.TryGetValue(key, out var starts) && starts.Remove(start) && starts.Count == 0)
                {
                    _dirtyWindows.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// A zero-byte cache holds nothing between calls (every entry put is evicted, so written below, at once), so
    /// reads and writes go straight below, without the dirty-window index and the cache's lookups and evictions.
    /// </summary>
    private bool WritesThrough => Cache.MaxBytes == 0;

    private void WriteBelow(Bytes key, byte[]? value, long windowStartMs, long timestamp)
    {
        if (inner is ChangeLoggingWindowBytesStore logged)
        {
            logged.Put(key, value, windowStartMs, timestamp);
        }
        else
        {
            inner.Put(key, value, windowStartMs);
        }
    }

    private ThreadCache Cache => _cache ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");
}
