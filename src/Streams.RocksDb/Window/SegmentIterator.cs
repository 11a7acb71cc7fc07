using RecoStreams.Streams.RocksDb.Iteration;
using RecoStreams.Streams.RocksDb.Native;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>
/// Walks segments oldest first, one RocksDB iterator at a time (opened lazily, so a query holds at most
/// one native iterator), converting and filtering entries. A segment dropped by retention before the walk
/// reaches it has expired and contributes nothing.
/// </summary>
internal abstract class SegmentIterator<TKey> : StoreIterator<TKey, byte[]>
{
    private readonly IReadOnlyList<Segment> _segments;
    private int _segmentIndex = -1;
    private RocksIterator? _current;

    protected SegmentIterator(string storeName, OpenIterators registry, IReadOnlyList<Segment> segments)
        : base(storeName, registry)
    {
        _segments = segments;
    }

    /// <summary>The [lower, upper) key bounds to read in <paramref name="segment"/>; null = unbounded.</summary>
    protected abstract (byte[]? LowerInclusive, byte[]? UpperExclusive) BoundsFor(Segment segment);

    /// <summary>Turns a stored entry into a result, or rejects it (false) when it falls outside the query.</summary>
    protected abstract bool TryConvert(ReadOnlySpan<byte> storedKey, RocksIterator iterator, out KeyValuePair<TKey, byte[]> entry);

    protected sealed override bool TryReadNext(out KeyValuePair<TKey, byte[]> entry)
    {
        while (true)
        {
            if (_current is null)
            {
                if (!TryOpenNextSegment())
                {
                    entry = default;
                    return false;
                }
            }
            else
            {
                _current.Next();
            }

            var iterator = _current!;
            while (iterator.Valid)
            {
                if (TryConvert(iterator.KeyToArray(), iterator, out entry))
                {
                    return true;
                }

                iterator.Next();
            }

            iterator.ThrowIfError();
            iterator.Dispose();
            _current = null;
        }
    }

    protected sealed override void ReleaseNativeIterators() => Volatile.Read(ref _current)?.Dispose();

    private bool TryOpenNextSegment()
    {
        while (++_segmentIndex < _segments.Count)
        {
            var segment = _segments[_segmentIndex];
            var (lower, upper) = BoundsFor(segment);
            try
            {
                Volatile.Write(ref _current, segment.Db.NewIterator(lower, upper));
            }
            catch (ObjectDisposedException) when (segment.Dropped)
            {
                continue;
            }

            // Dispose may have run (from Close, on another thread) before _current was set: release it here.
            if (IsDisposed)
            {
                _current.Dispose();
                throw new ObjectDisposedException(GetType().Name);
            }

            _current.SeekToFirst();
            return true;
        }

        return false;
    }
}
