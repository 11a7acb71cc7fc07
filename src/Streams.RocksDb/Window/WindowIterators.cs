using RecoStreams.Streams.RocksDb.Iteration;
using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>The windows of one key with start in [from, to], oldest first; reads only that key's byte range per segment.</summary>
internal sealed class KeyWindowIterator(
    string storeName, OpenIterators registry, IReadOnlyList<Segment> segments, byte[] key, long fromMs, long toMs, long intervalMs)
    : SegmentIterator<long>(storeName, registry, segments)
{
    protected override (byte[]? LowerInclusive, byte[]? UpperExclusive) BoundsFor(Segment segment)
    {
        // Clamp to the segment so both bounds have the sign of the segment's starts (big-endian order holds).
        var segmentStart = segment.Id * intervalMs;
        var lower = Math.Max(fromMs, segmentStart);
        var upper = Math.Min(toMs, segmentStart + intervalMs - 1);
        return (WindowKeyLayout.Encode(key, lower), KeyBounds.Successor(WindowKeyLayout.Encode(key, upper)));
    }

    protected override bool TryConvert(ReadOnlySpan<byte> storedKey, RocksIterator iterator, out KeyValuePair<long, byte[]> entry)
    {
        if (!WindowKeyLayout.IsWindowOf(storedKey, key))
        {
            entry = default;
            return false;
        }

        var start = WindowKeyLayout.WindowStart(storedKey);
        if (start < fromMs || start > toMs)
        {
            entry = default;
            return false;
        }

        entry = new(start, iterator.ValueToArray());
        return true;
    }
}

/// <summary>Every key's windows with start in [from, to]: segment by segment, in key then time order within one.</summary>
internal sealed class AllWindowsIterator(
    string storeName, OpenIterators registry, IReadOnlyList<Segment> segments, long fromMs, long toMs, long windowSizeMs)
    : SegmentIterator<Windowed<Bytes>>(storeName, registry, segments)
{
    protected override (byte[]? LowerInclusive, byte[]? UpperExclusive) BoundsFor(Segment segment) => (null, null);

    protected override bool TryConvert(ReadOnlySpan<byte> storedKey, RocksIterator iterator, out KeyValuePair<Windowed<Bytes>, byte[]> entry)
    {
        var start = WindowKeyLayout.WindowStart(storedKey);
        if (start < fromMs || start > toMs)
        {
            entry = default;
            return false;
        }

        var key = Bytes.Wrap(WindowKeyLayout.Key(storedKey).ToArray());
        entry = new(new Windowed<Bytes>(key, start, start + windowSizeMs), iterator.ValueToArray());
        return true;
    }
}
