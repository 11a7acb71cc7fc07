namespace RecoStreams.Processors.Options;

/// <summary>How feedback is attributed to exposures and how experiment counts are kept.</summary>
public sealed class ExperimentOptions
{
    /// <summary>Feedback counts for a list served at most this long before it. Default 1 h.</summary>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Feedback may carry a time up to this much earlier than its exposure's (client and server clocks differ). Default 1 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its window closed (in stream time) feedback may still arrive and be joined. Default 5 min.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Width of the tumbling windows experiment counts are kept in. Default 1 h.</summary>
    public TimeSpan CountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long windows of counts are kept (results sum what is kept). Default 90 days.</summary>
    public TimeSpan CountRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Whether every served list is published as a RecommendationServed exposure. Default true; without
    /// exposures nothing can be attributed, so experiments count only their feedback as unattributed.
    /// </summary>
    public bool LogExposures { get; set; } = true;

    /// <summary>Significance level of the tests and 1 - confidence of the intervals. Default 0.05.</summary>
    public double Alpha { get; set; } = 0.05;
}
