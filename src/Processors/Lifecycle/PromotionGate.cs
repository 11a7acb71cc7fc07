namespace RecoStreams.Processors.Lifecycle;

/// <summary>How strict the promotion gate is.</summary>
public sealed class PromotionGateOptions
{
    /// <summary>
    /// A candidate whose catalog coverage falls below this share of the champion's has collapsed (it
    /// recommends the same few items to everyone). Default 0.5.
    /// </summary>
    public double CoverageFloor { get; set; } = 0.5;

    /// <summary>Without a champion, fewer held-out users than this cannot show a model works. Default 1.</summary>
    public int MinHoldoutUsers { get; set; } = 1;
}

/// <summary>
/// Decides whether a candidate may replace the champion. It is refused when its NDCG@10 is worse beyond
/// the paired interval (the whole 95 % interval of candidate minus champion lies below zero: a drop the
/// held-out users' noise cannot explain), or when its coverage collapsed. A difference inside the interval
/// passes: the held-out slice cannot tell the two apart, and newer data is the better bet.
/// </summary>
public sealed class PromotionGate(PromotionGateOptions options)
{
    public GateDecision Decide(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var candidate = evaluation.Candidate;
        if (candidate.Users < options.MinHoldoutUsers)
        {
            return new(false, $"only {candidate.Users} held-out users (at least {options.MinHoldoutUsers} needed)");
        }

        if (candidate.Coverage <= 0)
        {
            return new(false, "the candidate recommends nothing to the held-out users (coverage 0)");
        }

        if (evaluation.Champion is not { } champion || evaluation.NdcgDifference is not { } difference)
        {
            return new(true, "no champion to compare with; coverage above 0");
        }

        if (difference.Upper < 0)
        {
            return new(false, FormattableString.Invariant(
                $"NDCG@10 worse than the champion: {candidate.NdcgAt10:0.0000} vs {champion.NdcgAt10:0.0000}, difference {difference.Mean:+0.0000;-0.0000} [{difference.Lower:+0.0000;-0.0000}, {difference.Upper:+0.0000;-0.0000}] lies below 0"));
        }

        var floor = options.CoverageFloor * champion.Coverage;
        if (candidate.Coverage < floor)
        {
            return new(false, FormattableString.Invariant(
                $"coverage collapsed: {candidate.Coverage:0.0000} vs the champion's {champion.Coverage:0.0000} (floor {floor:0.0000})"));
        }

        return new(true, FormattableString.Invariant(
            $"NDCG@10 {candidate.NdcgAt10:0.0000} vs {champion.NdcgAt10:0.0000}, difference {difference.Mean:+0.0000;-0.0000} [{difference.Lower:+0.0000;-0.0000}, {difference.Upper:+0.0000;-0.0000}]; coverage {candidate.Coverage:0.0000} vs {champion.Coverage:0.0000}"));
    }
}
