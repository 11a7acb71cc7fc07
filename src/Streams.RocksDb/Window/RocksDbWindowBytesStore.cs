using RecoStreams.Streams.RocksDb.Iteration;
using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>
/// A persistent window byte store segmented by time, like Kafka Streams' RocksDBWindowStore: one RocksDB
/// instance per segment under <c>{task state dir}/rocksdb/{name}/</c>, keys stored as [key][window start].
/// </summary>
/// <remarks>
/// Retention works a segment at a time. Observed stream time is the largest window start written (as in
/// Kafka Streams, and as <c>InMemoryWindowBytesStore</c> does, so both store types expire identically);
/// once stream time minus retention passes a segment's end, the whole segment is closed and its folder
/// deleted, never key by key. Writes into an expired segment are dropped and counted in
/// <see cref="ExpiredWritesDropped"/>. A window stays readable until its whole segment expires.
/// After a restart stream time is unknown until the first write or restored record, which drops whatever
/// expired meanwhile.
/// Thread-safety: as for <see cref="KeyValue.RocksDbKeyValueBytesStore"/>; queries may read while the task writes.
/// </remarks>
public sealed class RocksDbWindowBytesStore : IWindowBytesStore, IStateStoreSize
{
    private readonly RocksDbOptions _options;
    private readonly OpenIterators _openIterators = new();
    private volatile SegmentedDatabases? _segments;
    private long _observedStreamTimeMs = long.MinValue;
    private long _expiredWritesDropped;

    public RocksDbWindowBytesStore(string name, long retentionMs, long windowSizeMs, long segmentIntervalMs, RocksDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSizeMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentIntervalMs);
        if (retentionMs < windowSizeMs)
        {
            throw new ArgumentException($"Store '{name}': retention ({retentionMs} ms) must be at least the window size ({windowSizeMs} ms).", nameof(retentionMs));
        }

        Name = name;
        RetentionMs = retentionMs;
        WindowSizeMs = windowSizeMs;
        SegmentIntervalMs = segmentIntervalMs;
        _options = options ?? RocksDbOptions.Default.ForWindowSegments();
    }

    public string Name { get; }

    public bool Persistent => true;

    public bool IsOpen => _segments is not null;

    public long WindowSizeMs { get; }

    public long RetentionMs { get; }

    public long SegmentIntervalMs { get; }

    /// <summary>Live segments (open RocksDB instances).</summary>
    public int SegmentCount => LiveSegments().Count;

    /// <summary>Summed over the live segments; a segment dropped meanwhile counts as empty.</summary>
    public long ApproximateEntries => SumOverSegments(static db => db.EstimatedKeys);

    public long ApproximateBytes => SumOverSegments(static db => db.EstimatedBytes);

    /// <summary>Writes ignored because their window's segment had already expired (Kafka's dropped-records).</summary>
    public long ExpiredWritesDropped => Interlocked.Read(ref _expiredWritesDropped);

    /// <summary>Where the segment folders live once initialised.</summary>
    public string? StoreDirectory { get; private set; }

    internal int OpenIteratorCount => _openIterators.Count;

    public void Init(IStateStoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_segments is not null)
        {
            throw new InvalidOperationException($"Store '{Name}' is already open.");
        }

        StoreDirectory = Path.Combine(context.StateDirectory, "rocksdb", Name);
        var segments = new SegmentedDatabases(StoreDirectory, Name, SegmentIntervalMs, _options);
        segments.OpenExisting();
        _segments = segments;
        context.Register(this, new WindowRestoreCallback(this));
    }

    public void Put(Bytes key, byte[]? value, long windowStartMs)
    {
        var segment = LiveSegmentForWrite(windowStartMs, createIfMissing: value is not null);
        if (segment is null)
        {
            return;
        }

        var storedKey = WindowKeyLayout.Encode(key.Span, windowStartMs);
        try
        {
            if (value is null)
            {
                segment.Db.Delete(storedKey);
            }
            else
            {
                segment.Db.Put(storedKey, value);
            }
        }
        catch (ObjectDisposedException e)
        {
            throw InvalidStateStoreException.NotOpen(Name, e);
        }
    }

    public byte[]? Fetch(Bytes key, long windowStartMs)
    {
        var segment = LiveSegments().Get(Segments.SegmentId(windowStartMs, SegmentIntervalMs));
        try
        {
            return segment?.Db.Get(WindowKeyLayout.Encode(key.Span, windowStartMs));
        }
        catch (ObjectDisposedException) when (segment!.Dropped)
        {
            return null;
        }
        catch (ObjectDisposedException e)
        {
            throw InvalidStateStoreException.NotOpen(Name, e);
        }
    }

    public IKeyValueIterator<long, byte[]> Fetch(Bytes key, long timeFromMs, long timeToMs)
    {
        if (timeFromMs > timeToMs)
        {
            return new EmptyIterator<long, byte[]>();
        }

        return Registered(new KeyWindowIterator(Name, _openIterators, SegmentsBetween(timeFromMs, timeToMs), key.Get(), timeFromMs, timeToMs, SegmentIntervalMs));
    }

    public IKeyValueIterator<Windowed<Bytes>, byte[]> FetchAll(long timeFromMs, long timeToMs)
    {
        if (timeFromMs > timeToMs)
        {
            return new EmptyIterator<Windowed<Bytes>, byte[]>();
        }

        return Registered(new AllWindowsIterator(Name, _openIterators, SegmentsBetween(timeFromMs, timeToMs), timeFromMs, timeToMs, WindowSizeMs));
    }

    public IKeyValueIterator<Windowed<Bytes>, byte[]> All() => FetchAll(long.MinValue, long.MaxValue);

    /// <summary>Hands every live segment's write-ahead log to the operating system; see <see cref="KeyValue.RocksDbKeyValueBytesStore.Flush"/>.</summary>
    public void Flush() => FlushWal(sync: false);

    /// <summary>Fsyncs every live segment's write-ahead log.</summary>
    public void Sync() => FlushWal(sync: true);

    /// <summary>Closes open iterators, then every segment (keeping their files); idempotent.</summary>
    public void Close()
    {
        var segments = Interlocked.Exchange(ref _segments, null);
        if (segments is null)
        {
            return;
        }

        _openIterators.CloseAll();
        segments.CloseAll();
    }

    /// <summary>Applies restored records grouped by segment, one write batch per segment touched.</summary>
    internal void Restore(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records)
    {
        var batches = new Dictionary<Segment, RocksWriteBatch>();
        try
        {
            foreach (var (storedKey, value) in records)
            {
                var (_, windowStartMs) = WindowKeySchema.FromChangelogKey(storedKey);
                var segment = LiveSegmentForWrite(windowStartMs, createIfMissing: value is not null);
                if (segment is null)
                {
                    continue;
                }

                if (!batches.TryGetValue(segment, out var batch))
                {
                    batch = new RocksWriteBatch();
                    batches.Add(segment, batch);
                }

                KeyValue.RocksDbKeyValueBytesStore.AddToBatch(batch, storedKey, value);
            }

            foreach (var (segment, batch) in batches)
            {
                // A segment that expired later in this same batch is already dropped; its records are too.
                if (!segment.Dropped)
                {
                    segment.Db.Write(batch);
                }
            }
        }
        catch (ObjectDisposedException e)
        {
            throw InvalidStateStoreException.NotOpen(Name, e);
        }
        finally
        {
            foreach (var batch in batches.Values)
            {
                batch.Dispose();
            }
        }
    }

    /// <summary>
    /// Advances stream time, drops segments that expired, and returns the live segment for the window:
    /// null (counted) when the window's segment has already expired, or when it does not exist and
    /// <paramref name="createIfMissing"/> is false (a tombstone needs no new RocksDB instance).
    /// </summary>
    private void FlushWal(bool sync)
    {
        foreach (var segment in LiveSegments().Between(long.MinValue, long.MaxValue))
        {
            try
            {
                segment.Db.FlushWal(sync);
            }
            catch (ObjectDisposedException) when (segment.Dropped)
            {
                // Expired meanwhile: nothing of it needs to be durable.
            }
            catch (ObjectDisposedException e)
            {
                throw InvalidStateStoreException.NotOpen(Name, e);
            }
        }
    }

    private Segment? LiveSegmentForWrite(long windowStartMs, bool createIfMissing)
    {
        var segments = LiveSegments();
        var streamTime = Math.Max(Interlocked.Read(ref _observedStreamTimeMs), windowStartMs);
        Interlocked.Exchange(ref _observedStreamTimeMs, streamTime);
        var minLiveSegment = Segments.MinLiveSegment(streamTime, RetentionMs, SegmentIntervalMs);
        segments.DropBelow(minLiveSegment);

        var segmentId = Segments.SegmentId(windowStartMs, SegmentIntervalMs);
        if (segmentId < minLiveSegment)
        {
            Interlocked.Increment(ref _expiredWritesDropped);
            return null;
        }

        return createIfMissing ? segments.GetOrCreate(segmentId) : segments.Get(segmentId);
    }

    private IReadOnlyList<Segment> SegmentsBetween(long timeFromMs, long timeToMs) =>
        LiveSegments().Between(Segments.SegmentId(timeFromMs, SegmentIntervalMs), Segments.SegmentId(timeToMs, SegmentIntervalMs));

    private TIterator Registered<TIterator>(TIterator iterator)
        where TIterator : class, IStoreOwnedIterator
    {
        // Close clears _segments before closing registered iterators, so one registered after that is caught here.
        _openIterators.Add(iterator);
        if (_segments is null)
        {
            iterator.CloseByStore();
            throw InvalidStateStoreException.NotOpen(Name);
        }

        return iterator;
    }

    private long SumOverSegments(Func<RocksDatabase, long> property) =>
        LiveSegments().Between(long.MinValue, long.MaxValue).Sum(segment =>
        {
            try
            {
                return property(segment.Db);
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        });

    private SegmentedDatabases LiveSegments() => _segments ?? throw InvalidStateStoreException.NotOpen(Name);
}
