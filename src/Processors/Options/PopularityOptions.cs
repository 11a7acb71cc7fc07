namespace RecoStreams.Processors.Options;

/// <summary>One hopping window definition: size, advance (hop) and grace for late events.</summary>
public sealed record HoppingWindowSpec(TimeSpan Size, TimeSpan Advance, TimeSpan Grace);

public sealed class PopularityOptions
{
    /// <summary>Default: 1 h advancing by 5 min and 24 h advancing by 1 h, both with 5 min grace.</summary>
    public IReadOnlyList<HoppingWindowSpec> Windows { get; set; } =
    [
        new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)),
        new(TimeSpan.FromHours(24), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
    ];

    /// <summary>Half-life of the recency-weighted popularity the trending index ranks by. Default 1 day.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Items kept per genre (and overall) in the trending index. Default 200.</summary>
    public int TrendingCapacity { get; set; } = 200;

    /// <summary>How often changed items' stats are published (wall clock). Default 1 s.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);
}
