using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>
/// Body of POST /admin/experiments; validated by the endpoint (members are optional and times are text, so
/// a missing or malformed one is a 400 naming the field).
/// </summary>
public sealed record ExperimentRequest(
    string? Id,
    string? Description,
    IReadOnlyList<VariantRequest>? Variants,
    double? TrafficFraction,
    IReadOnlyList<string>? UserIds,
    string? StartsAt,
    string? EndsAt);

/// <summary>One variant: its weight, whether it is the control, and what it changes (recommender settings and/or model version).</summary>
public sealed record VariantRequest(string? Name, double? Weight, bool? Control, string? ModelVersion, RecommenderSettingsRequest? Recommender);

public sealed record RecommenderSettingsRequest(double? MmrLambda, int? MaxPerCreator, double? CfRecencyFactor, BlendWeightsRequest? HybridWeights);

public sealed record BlendWeightsRequest(double Cf, double Content, double Popular);

/// <summary>An experiment as stored; <see cref="State"/> is scheduled, running, ended or stopped.</summary>
public sealed record ExperimentResponse(
    string Id,
    string Description,
    string State,
    IReadOnlyList<ExperimentVariant> Variants,
    double TrafficFraction,
    int TargetedUsers,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt)
{
    public static ExperimentResponse From(Experiment e, long nowMs) => new(
        e.Id,
        e.Description,
        e.StoppedAtMs is not null ? "stopped" : e.EndsAtMs <= nowMs ? "ended" : e.StartsAtMs > nowMs ? "scheduled" : "running",
        e.Variants,
        e.Targeting.TrafficFraction,
        e.Targeting.UserIds.Count,
        DateTimeOffset.FromUnixTimeMilliseconds(e.StartsAtMs),
        e.EndsAtMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAtMs),
        e.StoppedAtMs is { } stopped ? DateTimeOffset.FromUnixTimeMilliseconds(stopped) : null);
}

/// <summary>Clicks and purchases at one 1-based position of the served lists.</summary>
public sealed record PositionResponse(int Position, long Impressions, long Clicks, long Purchases, double Ctr);

/// <summary>One variant's counts, rates with intervals, and comparisons with the control (null for the control, or without data).</summary>
public sealed record VariantResultResponse(
    string Name,
    bool Control,
    string? ModelVersion,
    long Exposures,
    long Impressions,
    long Clicks,
    long AddToCarts,
    long Purchases,
    long Dismissals,
    double Ctr,
    Interval CtrInterval,
    double ConversionRate,
    Interval ConversionInterval,
    ProportionComparison? CtrVsControl,
    ProportionComparison? ConversionVsControl,
    IReadOnlyList<PositionResponse> ByPosition);

/// <summary>GET /admin/experiments/{id}/results.</summary>
public sealed record ExperimentResultsResponse(string ExperimentId, string State, string Control, double ConfidenceLevel, IReadOnlyList<VariantResultResponse> Variants)
{
    public static ExperimentResultsResponse From(ExperimentResults results, string state) => new(
        results.ExperimentId,
        state,
        results.Control,
        1 - results.Alpha,
        [.. results.Variants.Select(v => new VariantResultResponse(
            v.Name,
            v.IsControl,
            v.ModelVersion,
            v.Counts.Exposures,
            v.Counts.Impressions,
            v.Counts.Clicks,
            v.Counts.AddToCarts,
            v.Counts.Purchases,
            v.Counts.Dismissals,
            v.Ctr,
            v.CtrInterval,
            v.ConversionRate,
            v.ConversionInterval,
            v.CtrVsControl,
            v.ConversionVsControl,
            [.. v.Counts.ImpressionsByPosition.Select((impressions, i) =>
            {
                var clicks = i < v.Counts.ClicksByPosition.Count ? v.Counts.ClicksByPosition[i] : 0;
                var purchases = i < v.Counts.PurchasesByPosition.Count ? v.Counts.PurchasesByPosition[i] : 0;
                return new PositionResponse(i + 1, impressions, clicks, purchases, impressions > 0 ? (double)clicks / impressions : 0);
            })]))]);
}
