using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.InMemory;

/// <summary>
/// A window byte store held in memory, split into time segments of <c>SegmentIntervalMs</c>. Once the
/// observed stream time (the largest window start written) minus the retention passes a segment, the
/// whole segment is dropped, and later writes into it are ignored, as Kafka Streams' segmented stores do.
/// A window therefore stays readable until its whole segment expires, not to the millisecond.
/// </summary>
/// <remarks>
/// Thread-safety: one lock guards every operation; iterators copy their entries out under it (snapshot),
/// so interactive queries can iterate while the task writes.
/// </remarks>
public sealed class InMemoryWindowBytesStore : IWindowBytesStore
{
    private readonly Lock _lock = new();

    // Segment id -> entries ordered by (window start, key): time order first, as Kafka's FetchAll returns.
    private readonly SortedDictionary<long, SortedDictionary<WindowEntryKey, byte[]>> _segments = [];
    private long _observedStreamTimeMs = long.MinValue;
    private volatile bool _open;

    public InMemoryWindowBytesStore(string name, long retentionMs, long windowSizeMs, long segmentIntervalMs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(retentionMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSizeMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentIntervalMs);
        if (retentionMs < windowSizeMs)
        {
            throw new ArgumentException($"Retention ({retentionMs} ms) must be at least the window size ({windowSizeMs} ms).", nameof(retentionMs));
        }

        Name = name;
        RetentionMs = retentionMs;
        WindowSizeMs = windowSizeMs;
        SegmentIntervalMs = segmentIntervalMs;
    }

    public string Name { get; }

    public bool Persistent => false;

    public bool IsOpen => _open;

    public long WindowSizeMs { get; }

    public long RetentionMs { get; }

    public long SegmentIntervalMs { get; }

    /// <summary>Number of live segments; lets tests and metrics see retention at work.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_lock)
            {
                return _segments.Count;
            }
        }
    }

    public void Init(IStateStoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Register(this, new RestoreCallback(this));
        _open = true;
    }

    public void Put(Bytes key, byte[]? value, long windowStartMs)
    {
        lock (_lock)
        {
            PutUnlocked(key, value, windowStartMs);
        }
    }

    public byte[]? Fetch(Bytes key, long windowStartMs)
    {
        lock (_lock)
        {
            var segmentId = Segments.SegmentId(windowStartMs, SegmentIntervalMs);
            return _segments.TryGetValue(segmentId, out var segment)
                ? segment.GetValueOrDefault(new WindowEntryKey(windowStartMs, key))
                : null;
        }
    }

    public IKeyValueIterator<long, byte[]> Fetch(Bytes key, long timeFromMs, long timeToMs)
    {
        var entries = new List<KeyValuePair<long, byte[]>>();
        lock (_lock)
        {
            foreach (var (entryKey, value) in EntriesBetween(timeFromMs, timeToMs))
            {
                if (entryKey.Key == key)
                {
                    entries.Add(new(entryKey.WindowStartMs, value));
                }
            }
        }

        return new SnapshotIterator<long, byte[]>(entries);
    }

    public IKeyValueIterator<Windowed<Bytes>, byte[]> FetchAll(long timeFromMs, long timeToMs)
    {
        lock (_lock)
        {
            return new SnapshotIterator<Windowed<Bytes>, byte[]>(
                EntriesBetween(timeFromMs, timeToMs).Select(ToWindowed).ToList());
        }
    }

    public IKeyValueIterator<Windowed<Bytes>, byte[]> All() => FetchAll(long.MinValue, long.MaxValue);

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
            _segments.Clear();
        }
    }

    private void PutUnlocked(Bytes key, byte[]? value, long windowStartMs)
    {
        _observedStreamTimeMs = Math.Max(_observedStreamTimeMs, windowStartMs);
        var minLiveSegment = Segments.MinLiveSegment(_observedStreamTimeMs, RetentionMs, SegmentIntervalMs);
        DropSegmentsBelow(minLiveSegment);

        var segmentId = Segments.SegmentId(windowStartMs, SegmentIntervalMs);
        if (segmentId < minLiveSegment)
        {
            return; // Expired: Kafka Streams drops late writes into dropped segments.
        }

        var entryKey = new WindowEntryKey(windowStartMs, key);
        if (value is null)
        {
            if (_segments.TryGetValue(segmentId, out var existing) && existing.Remove(entryKey) && existing.Count == 0)
            {
                _segments.Remove(segmentId);
            }

            return;
        }

        if (!_segments.TryGetValue(segmentId, out var segment))
        {
            segment = [];
            _segments.Add(segmentId, segment);
        }

        segment[entryKey] = value;
    }

    private void DropSegmentsBelow(long minLiveSegment)
    {
        while (_segments.Count > 0 && _segments.Keys.First() is var oldest && oldest < minLiveSegment)
        {
            _segments.Remove(oldest);
        }
    }

    private IEnumerable<KeyValuePair<WindowEntryKey, byte[]>> EntriesBetween(long timeFromMs, long timeToMs)
    {
        if (timeFromMs > timeToMs)
        {
            yield break;
        }

        var firstSegment = Segments.SegmentId(timeFromMs, SegmentIntervalMs);
        var lastSegment = Segments.SegmentId(timeToMs, SegmentIntervalMs);
        foreach (var (segmentId, segment) in _segments)
        {
            if (segmentId < firstSegment)
            {
                continue;
            }

            if (segmentId > lastSegment)
            {
                yield break;
            }

            foreach (var entry in segment)
            {
                if (entry.Key.WindowStartMs > timeToMs)
                {
                    break;
                }

                if (entry.Key.WindowStartMs >= timeFromMs)
                {
                    yield return entry;
                }
            }
        }
    }

    private KeyValuePair<Windowed<Bytes>, byte[]> ToWindowed(KeyValuePair<WindowEntryKey, byte[]> entry) =>
        new(new Windowed<Bytes>(entry.Key.Key, entry.Key.WindowStartMs, entry.Key.WindowStartMs + WindowSizeMs), entry.Value);

    private readonly record struct WindowEntryKey(long WindowStartMs, Bytes Key) : IComparable<WindowEntryKey>
    {
        public int CompareTo(WindowEntryKey other)
        {
            var byTime = WindowStartMs.CompareTo(other.WindowStartMs);
            return byTime != 0 ? byTime : Key.CompareTo(other.Key);
        }
    }

    private sealed class RestoreCallback(InMemoryWindowBytesStore store) : IStateRestoreCallback
    {
        public void RestoreBatch(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records)
        {
            lock (store._lock)
            {
                foreach (var (changelogKey, value) in records)
                {
                    var (key, windowStartMs) = WindowKeySchema.FromChangelogKey(changelogKey);
                    store.PutUnlocked(key, value, windowStartMs);
                }
            }
        }
    }
}
