namespace RecoStreams.Processors.Experiments;

/// <summary>
/// One variant's rates: click-through = clicks / items shown, conversion = purchases / items shown,
/// each with its Wilson interval, and (for a non-control variant) compared with the control.
/// </summary>
public sealed record VariantResult(
    string Name,
    bool IsControl,
    string? ModelVersion,
    VariantCounts Counts,
    double Ctr,
    Interval CtrInterval,
    double ConversionRate,
    Interval ConversionInterval,
    ProportionComparison? CtrVsControl,
    ProportionComparison? ConversionVsControl);

/// <summary>An experiment's results over all its counted windows, at confidence 1 - <see cref="Alpha"/>.</summary>
public sealed record ExperimentResults(string ExperimentId, string Control, double Alpha, IReadOnlyList<VariantResult> Variants)
{
    /// <summary>
    /// Results of <paramref name="experiment"/> from its summed <paramref name="counts"/>. Each item shown is a
    /// trial; items of one list are treated as independent draws, which narrows intervals a little when a
    /// user's clicks on one list are correlated.
    /// </summary>
    public static ExperimentResults From(Experiment experiment, ExperimentCounts counts, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(counts);
        var control = experiment.Control;
        var controlCounts = CountsOf(counts, control.Name);
        var variants = experiment.Variants.Select(variant =>
        {
            var c = CountsOf(counts, variant.Name);
            return new VariantResult(
                variant.Name,
                variant.IsControl,
                variant.ModelVersion,
                c,
                Rate(c.Clicks, c.Impressions),
                ProportionStatistics.Wilson(c.Clicks, c.Impressions, alpha),
                Rate(c.Purchases, c.Impressions),
                ProportionStatistics.Wilson(c.Purchases, c.Impressions, alpha),
                variant.IsControl ? null : ProportionStatistics.Compare(controlCounts.Clicks, controlCounts.Impressions, c.Clicks, c.Impressions, alpha),
                variant.IsControl ? null : ProportionStatistics.Compare(controlCounts.Purchases, controlCounts.Impressions, c.Purchases, c.Impressions, alpha));
        }).ToList();
        return new ExperimentResults(experiment.Id, control.Name, alpha, variants);
    }

    private static VariantCounts CountsOf(ExperimentCounts counts, string variant) =>
        counts.Variants.TryGetValue(variant, out var c) ? c : new VariantCounts();

    private static double Rate(long successes, long trials) => trials > 0 ? (double)successes / trials : 0;
}
