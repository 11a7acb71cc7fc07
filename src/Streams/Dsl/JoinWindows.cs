namespace RecoStreams.Streams.Dsl;

/// <summary>
/// The time bounds of a stream-stream join (Kafka Streams' JoinWindows): a record of this stream at time
/// t joins the other stream's records at t - <see cref="BeforeMs"/> to t + <see cref="AfterMs"/>.
/// Records may arrive up to <see cref="GraceMs"/> after their window closed in stream time; later ones
/// are late (an inner join counts and skips them, a left join emits them unjoined).
/// </summary>
public sealed record JoinWindows
{
    private JoinWindows(long beforeMs, long afterMs, long graceMs)
    {
        if (beforeMs < 0 || afterMs < 0 || graceMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beforeMs), "join window bounds and grace must not be negative.");
        }

        BeforeMs = beforeMs;
        AfterMs = afterMs;
        GraceMs = graceMs;
    }

    public long BeforeMs { get; }

    public long AfterMs { get; }

    public long GraceMs { get; }

    /// <summary>How long a side's window store must keep a record: the whole window plus grace.</summary>
    public long RetentionMs => BeforeMs + AfterMs + GraceMs;

    /// <summary>Records join when their timestamps differ by at most <paramref name="difference"/> either way.</summary>
    public static JoinWindows OfTimeDifferenceAndGrace(TimeSpan difference, TimeSpan grace) =>
        new(Ms(difference), Ms(difference), Ms(grace));

    /// <summary>The other stream's records may be up to <paramref name="before"/> older than this stream's record.</summary>
    public JoinWindows Before(TimeSpan before) => new(Ms(before), AfterMs, GraceMs);

    /// <summary>The other stream's records may be up to <paramref name="after"/> newer than this stream's record.</summary>
    public JoinWindows After(TimeSpan after) => new(BeforeMs, Ms(after), GraceMs);

    /// <summary>The bounds as the other stream sees them (before and after swapped).</summary>
    internal JoinWindows Reversed => new(AfterMs, BeforeMs, GraceMs);

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}
