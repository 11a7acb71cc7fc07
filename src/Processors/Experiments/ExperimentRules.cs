namespace RecoStreams.Processors.Experiments;

/// <summary>What makes an experiment definition valid; each problem names its field.</summary>
public static class ExperimentRules
{
    public const int MaxVariants = 10;
    public const int MaxIdLength = 64;
    public const int MaxDescriptionLength = 1_000;
    public const int MaxTargetedUsers = 10_000;

    public static IReadOnlyList<(string Field, string Problem)> Check(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var problems = new List<(string, string)>();
        if (!IsId(experiment.Id))
        {
            problems.Add(("id", $"must be 1 to {MaxIdLength} characters of letters, digits, '-', '_' or '.'"));
        }

        if (experiment.Description.Length > MaxDescriptionLength)
        {
            problems.Add(("description", $"must be at most {MaxDescriptionLength} characters"));
        }

        if (experiment.Variants.Count is < 2 or > MaxVariants)
        {
            problems.Add(("variants", $"must list 2 to {MaxVariants} variants"));
        }

        if (experiment.Variants.Count(v => v.IsControl) != 1)
        {
            problems.Add(("variants", "exactly one variant must be the control"));
        }

        if (experiment.Variants.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count() != experiment.Variants.Count)
        {
            problems.Add(("variants", "variant names must be unique"));
        }

        for (var i = 0; i < experiment.Variants.Count; i++)
        {
            CheckVariant(experiment.Variants[i], $"variants[{i}]", problems);
        }

        if (experiment.Variants.Count > 0 && experiment.Variants.Sum(v => v.Weight) <= 0)
        {
            problems.Add(("variants", "weights must add up to more than 0"));
        }

        if (experiment.Targeting.TrafficFraction is not (> 0 and <= 1) || double.IsNaN(experiment.Targeting.TrafficFraction))
        {
            problems.Add(("traffic_fraction", "must be greater than 0 and at most 1"));
        }

        if (experiment.Targeting.UserIds.Count > MaxTargetedUsers)
        {
            problems.Add(("user_ids", $"must list at most {MaxTargetedUsers} users"));
        }

        if (experiment.EndsAtMs is { } end && end <= experiment.StartsAtMs)
        {
            problems.Add(("ends_at", "must be after starts_at"));
        }

        return problems;
    }

    /// <summary>Ids are safe in URLs, metric labels and store keys.</summary>
    public static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void CheckVariant(ExperimentVariant variant, string field, List<(string, string)> problems)
    {
        if (!IsId(variant.Name))
        {
            problems.Add(($"{field}.name", $"must be 1 to {MaxIdLength} characters of letters, digits, '-', '_' or '.'"));
        }

        if (!double.IsFinite(variant.Weight) || variant.Weight is < 0 or > 1_000)
        {
            problems.Add(($"{field}.weight", "must be a number from 0 to 1000"));
        }

        if (variant.ModelVersion is { } model && !IsId(model))
        {
            problems.Add(($"{field}.model_version", $"must be 1 to {MaxIdLength} characters of letters, digits, '-', '_' or '.'"));
        }

        if (variant.Recommender is { } r)
        {
            if (r.MmrLambda is { } lambda && lambda is not (>= 0 and <= 1))
            {
                problems.Add(($"{field}.recommender.mmr_lambda", "must be from 0 to 1"));
            }

            if (r.MaxPerCreator is < 1 or > 100)
            {
                problems.Add(($"{field}.recommender.max_per_creator", "must be from 1 to 100"));
            }

            if (r.CfRecencyFactor is { } recency && recency is not (> 0 and <= 1))
            {
                problems.Add(($"{field}.recommender.cf_recency_factor", "must be greater than 0 and at most 1"));
            }

            if (r.HybridWeights is { } w && (w.Cf < 0 || w.Content < 0 || w.Popular < 0 || w.Cf + w.Content + w.Popular <= 0))
            {
                problems.Add(($"{field}.recommender.hybrid_weights", "must be non-negative and add up to more than 0"));
            }
        }
    }
}
