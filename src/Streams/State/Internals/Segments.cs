namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Time-segment arithmetic shared by segmented window stores: a segment holds the windows whose start
/// falls in [id * interval, (id + 1) * interval), and retention drops whole segments.
/// </summary>
public static class Segments
{
    /// <summary>Kafka Streams' default for RocksDB window stores: half the retention, at least one minute.</summary>
    public static long DefaultIntervalMs(long retentionMs) => Math.Max(retentionMs / 2, 60_000L);

    /// <summary>Floor division, so negative timestamps land in the segment below zero.</summary>
    public static long SegmentId(long timestampMs, long segmentIntervalMs)
    {
        var quotient = timestampMs / segmentIntervalMs;
        return timestampMs % segmentIntervalMs < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// The oldest segment still live once stream time has reached <paramref name="streamTimeMs"/>; every
    /// segment below it is expired (dropped, and writes into it are ignored).
    /// </summary>
    public static long MinLiveSegment(long streamTimeMs, long retentionMs, long segmentIntervalMs) =>
        streamTimeMs == long.MinValue ? long.MinValue : SegmentId(streamTimeMs - retentionMs, segmentIntervalMs);

}
