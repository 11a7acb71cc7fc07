using System.Globalization;
using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>
/// The live segments of one window store, each a RocksDB instance in <c>{root}/{storeName}.{segmentStartMs}</c>
/// (Kafka Streams' naming). Thread-safe: the task creates and drops segments while queries list them.
/// </summary>
internal sealed class SegmentedDatabases
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Segment> _segments = [];
    private readonly string _root;
    private readonly string _storeName;
    private readonly long _intervalMs;
    private readonly RocksDbOptions _options;

    public SegmentedDatabases(string root, string storeName, long intervalMs, RocksDbOptions options)
    {
        _root = root;
        _storeName = storeName;
        _intervalMs = intervalMs;
        _options = options;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>Opens the segments a previous run left on disk, so their windows survive a restart.</summary>
    public void OpenExisting()
    {
        if (!System.IO.Directory.Exists(_root))
        {
            return;
        }

        var prefix = _storeName + ".";
        foreach (var directory in System.IO.Directory.EnumerateDirectories(_root, prefix + "*"))
        {
            var suffix = Path.GetFileName(directory)[prefix.Length..];
            if (long.TryParse(suffix, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var startMs) && startMs % _intervalMs == 0)
            {
                var id = Segments.SegmentId(startMs, _intervalMs);
                lock (_lock)
                {
                    _segments[id] = new Segment(id, directory, RocksDatabase.Open(directory, _options));
                }
            }
        }
    }

    public Segment? Get(long segmentId)
    {
        lock (_lock)
        {
            return _segments.GetValueOrDefault(segmentId);
        }
    }

    public Segment GetOrCreate(long segmentId)
    {
        lock (_lock)
        {
            if (!_segments.TryGetValue(segmentId, out var segment))
            {
                var directory = Path.Combine(_root, $"{_storeName}.{(segmentId * _intervalMs).ToString(CultureInfo.InvariantCulture)}");
                segment = new Segment(segmentId, directory, RocksDatabase.Open(directory, _options));
                _segments.Add(segmentId, segment);
            }

            return segment;
        }
    }

    /// <summary>Live segments with ids in [firstId, lastId], oldest first.</summary>
    public IReadOnlyList<Segment> Between(long firstId, long lastId)
    {
        lock (_lock)
        {
            return _segments.Values.Where(s => s.Id >= firstId && s.Id <= lastId).ToList();
        }
    }

    /// <summary>Drops every segment older than <paramref name="minLiveSegmentId"/>.</summary>
    public void DropBelow(long minLiveSegmentId)
    {
        List<Segment> expired;
        lock (_lock)
        {
            expired = _segments.Values.TakeWhile(s => s.Id < minLiveSegmentId).ToList();
            foreach (var segment in expired)
            {
                _segments.Remove(segment.Id);
            }
        }

        // Outside the lock: deleting files is slow and readers only need the map.
        foreach (var segment in expired)
        {
            segment.Drop();
        }
    }

    public void CloseAll()
    {
        List<Segment> open;
        lock (_lock)
        {
            open = [.. _segments.Values];
            _segments.Clear();
        }

        foreach (var segment in open)
        {
            segment.Close();
        }
    }
}
