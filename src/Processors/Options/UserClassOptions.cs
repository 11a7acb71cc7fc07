namespace RecoStreams.Processors.Options;

/// <summary>Thresholds that classify users (positive interactions counted, recency measured from "now").</summary>
public sealed class UserClassOptions
{
    /// <summary>Below this many positive interactions a user is New (0 = ColdStart). Default 5.</summary>
    public int NewBelow { get; set; } = 5;

    /// <summary>From this many a recently active user is Active. Default 20.</summary>
    public int ActiveFrom { get; set; } = 20;

    /// <summary>From this many a recently active user is Power. Default 150.</summary>
    public int PowerFrom { get; set; } = 150;

    /// <summary>Users idle longer than this are Casual whatever their count. Default 30 days.</summary>
    public TimeSpan ActiveWithin { get; set; } = TimeSpan.FromDays(30);
}
