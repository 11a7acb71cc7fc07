namespace RecoStreams.Processors.Items;

/// <summary>
/// Hopping time windows of <see cref="SizeMs"/> starting every <see cref="AdvanceMs"/> (aligned to the
/// epoch, as Kafka Streams' TimeWindows). A window [start, start + size) accepts records until stream
/// time reaches its end plus <see cref="GraceMs"/>; after that it is closed and late records skip it.
/// </summary>
public sealed record HoppingWindows
{
    public HoppingWindows(long sizeMs, long advanceMs, long graceMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(advanceMs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(advanceMs, sizeMs);
        ArgumentOutOfRangeException.ThrowIfNegative(graceMs);
        (SizeMs, AdvanceMs, GraceMs) = (sizeMs, advanceMs, graceMs);
        PaneMs = (long)System.Numerics.BigInteger.GreatestCommonDivisor(sizeMs, advanceMs);
    }

    public long SizeMs { get; }

    public long AdvanceMs { get; }

    public long GraceMs { get; }

    /// <summary>
    /// Width of the panes that tile every window exactly (gcd of size and advance; the advance when the size
    /// is a multiple of it). A signal updates one pane instead of each of the size/advance windows holding it,
    /// and a window is the sum of its panes.
    /// </summary>
    public long PaneMs { get; }

    public static HoppingWindows From(Options.HoppingWindowSpec spec) =>
        new((long)spec.Size.TotalMilliseconds, (long)spec.Advance.TotalMilliseconds, (long)spec.Grace.TotalMilliseconds);

    /// <summary>Starts of every window containing <paramref name="timestampMs"/>, oldest first.</summary>
    public IReadOnlyList<long> WindowsFor(long timestampMs)
    {
        var lastStart = FloorToAdvance(timestampMs);
        var starts = new List<long>((int)Math.Min(SizeMs / AdvanceMs + 1, 4096));
        for (var start = lastStart; start > timestampMs - SizeMs; start -= AdvanceMs)
        {
            starts.Add(start);
        }

        starts.Reverse();
        return starts;
    }

    /// <summary>True once stream time has passed the window's end plus grace: it takes no more records.</summary>
    public bool IsClosed(long windowStartMs, long streamTimeMs) => streamTimeMs >= windowStartMs + SizeMs + GraceMs;

    /// <summary>
    /// The oldest window still containing <paramref name="nowMs"/>: it holds the most recent full
    /// <see cref="SizeMs"/> of history, so it is the one published as "popularity in the last size".
    /// </summary>
    public long LatestWindowStart(long nowMs) => FloorToAdvance(nowMs - SizeMs) + AdvanceMs;

    /// <summary>
    /// The start of the pane holding <paramref name="timestampMs"/>, or null when every window holding it is
    /// closed at <paramref name="streamTimeMs"/>; <paramref name="closed"/> counts the closed ones.
    /// </summary>
    public long? OpenPaneFor(long timestampMs, long streamTimeMs, out int closed)
    {
        closed = 0;
        var open = false;
        for (var start = FloorToAdvance(timestampMs); start > timestampMs - SizeMs; start -= AdvanceMs)
        {
            if (IsClosed(start, streamTimeMs))
            {
                closed++;
            }
            else
            {
                open = true;
            }
        }

        return open ? Floor(timestampMs, PaneMs) : null;
    }

    /// <summary>The start of the newest window holding <paramref name="timestampMs"/>.</summary>
    public long NewestWindowStart(long timestampMs) => FloorToAdvance(timestampMs);

    /// <summary>Start of the last pane of the window starting at <paramref name="windowStartMs"/> (its first pane starts with it).</summary>
    public long LastPaneStart(long windowStartMs) => windowStartMs + SizeMs - PaneMs;

    private long FloorToAdvance(long t) => Floor(t, AdvanceMs);

    private static long Floor(long t, long step) => t - (((t % step) + step) % step);
}
