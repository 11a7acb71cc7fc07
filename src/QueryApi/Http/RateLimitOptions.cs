namespace RecoStreams.QueryApi.Http;

/// <summary>
/// Per-caller request limits (a sliding window), bound from the "RateLimit" configuration section.
/// A caller is the token's subject when authenticated, else the client IP.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Requests allowed per caller in any <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 500;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Segments the window slides by. More segments smooth bursts at window edges; a rejected caller
    /// may retry after one segment at the latest, which is what <c>Retry-After</c> reports.
    /// </summary>
    public int SegmentsPerWindow { get; set; } = 6;

    internal TimeSpan Segment => Window / SegmentsPerWindow;
}
