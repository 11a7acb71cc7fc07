using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Experiments;

/// <summary>
/// An A/B experiment as data (one record per id on the compacted experiments topic): its variants with
/// weights, when it runs, and which users it targets. Exactly one variant is the control.
/// </summary>
public sealed record Experiment(
    string Id,
    string Description,
    IReadOnlyList<ExperimentVariant> Variants,
    ExperimentTargeting Targeting,
    long StartsAtMs,
    long? EndsAtMs,
    long CreatedAtMs,
    long? StoppedAtMs = null)
{
    public ExperimentVariant Control => Variants.First(v => v.IsControl);

    /// <summary>Running at <paramref name="nowMs"/>: started, not ended, not stopped.</summary>
    public bool IsActiveAt(long nowMs) => StoppedAtMs is null && nowMs >= StartsAtMs && (EndsAtMs is not { } end || nowMs < end);
}

/// <summary>
/// One arm of an experiment: its share of traffic, and how its lists are built: recommender settings
/// that differ from the defaults and/or the model version it serves (carried in every exposure).
/// </summary>
public sealed record ExperimentVariant(string Name, double Weight, bool IsControl, VariantRecommenderSettings? Recommender, string? ModelVersion);

/// <summary>
/// Who is in the experiment: a fraction of all users (by a hash of experiment and user, independent of
/// the variant hash), or only the listed user ids when any are given.
/// </summary>
public sealed record ExperimentTargeting(double TrafficFraction, IReadOnlyList<string> UserIds);

/// <summary>The recommender knobs a variant may change; null keeps the configured default.</summary>
public sealed record VariantRecommenderSettings(double? MmrLambda, int? MaxPerCreator, double? CfRecencyFactor, BlendWeights? HybridWeights)
{
    /// <summary>A copy of <paramref name="defaults"/> with this variant's settings applied.</summary>
    public RecommenderOptions ApplyTo(RecommenderOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var options = defaults.Copy();
        options.CfRecencyFactor = CfRecencyFactor ?? defaults.CfRecencyFactor;
        options.HybridWeights = HybridWeights ?? defaults.HybridWeights;
        options.MmrLambda = MmrLambda ?? defaults.MmrLambda;
        options.MaxPerCreator = MaxPerCreator ?? defaults.MaxPerCreator;
        return options;
    }
}
