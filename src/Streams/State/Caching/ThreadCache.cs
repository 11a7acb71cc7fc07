namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// The write-back record cache shared by the caching stores of one stream thread (or one task), bounded
/// in bytes (Kafka Streams' <c>statestore.cache.max.bytes</c>). Writes stay here until a commit flushes
/// them or eviction pushes them out, so repeated updates of a hot key reach the store, the changelog and
/// downstream only once per commit.
/// </summary>
/// <remarks>
/// Thread-safety: one lock guards everything, because interactive queries read through the cache while
/// the owning thread writes. Flush callbacks run under that lock on the writing thread; the lock is
/// re-entrant, so records forwarded by a flush listener may update other caching stores of the thread.
/// </remarks>
public sealed class ThreadCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NamedCache> _caches = [];
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _flushes;

    public ThreadCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    public long Flushes => Interlocked.Read(ref _flushes);

    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _caches.Values.Sum(c => c.SizeBytes);
            }
        }
    }

    /// <summary>Adds a store's cache; <paramref name="flushCallback"/> writes dirty entries to the store below.</summary>
    public void AddNamespace(string name, Action<IReadOnlyList<DirtyEntry>> flushCallback)
    {
        lock (_lock)
        {
            if (!_caches.TryAdd(name, new NamedCache(name, flushCallback)))
            {
                throw new InvalidOperationException($"The record cache already holds a store named '{name}'.");
            }
        }
    }

    public void RemoveNamespace(string name)
    {
        lock (_lock)
        {
            if (_caches.Remove(name, out var cache))
            {
                cache.Clear();
            }
        }
    }

    public bool TryGet(string name, Bytes key, out CacheEntry entry)
    {
        lock (_lock)
        {
            if (Cache(name).TryGet(key, out entry))
            {
                _hits++;
                return true;
            }

            _misses++;
            return false;
        }
    }

    public void Put(string name, Bytes key, CacheEntry entry)
    {
        lock (_lock)
        {
            var cache = Cache(name);
            cache.Put(key, entry);
            EvictWhileOverBudget(cache);
        }
    }

    public void Flush(string name)
    {
        lock (_lock)
        {
            _flushes++;
            Cache(name).Flush();
        }
    }

    /// <summary>Whether any store whose namespace starts with <paramref name="namespacePrefix"/> holds unflushed writes.</summary>
    public bool HasDirtyEntries(string namespacePrefix)
    {
        lock (_lock)
        {
            return _caches.Values.Any(c => c.Name.StartsWith(namespacePrefix, StringComparison.Ordinal) && c.DirtyCount > 0);
        }
    }

    public List<KeyValuePair<Bytes, CacheEntry>> SortedRange(string name, Bytes? from, Bytes? to, Bytes? prefix)
    {
        lock (_lock)
        {
            return Cache(name).SortedRange(from, to, prefix);
        }
    }

    // Like Kafka Streams, evict from the store being written: it is the one growing.
    private void EvictWhileOverBudget(NamedCache cache)
    {
        while (_caches.Values.Sum(c => c.SizeBytes) > MaxBytes && cache.EvictEldest())
        {
            _evictions++;
        }
    }

    private NamedCache Cache(string name) =>
        _caches.TryGetValue(name, out var cache)
            ? cache
            : throw new InvalidOperationException($"The record cache holds no store named '{name}'.");
}
