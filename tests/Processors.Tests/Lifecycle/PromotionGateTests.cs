using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Processors.Tests.Lifecycle;

public sealed class PromotionGateTests
{
    private static readonly PromotionGate Gate = new(new PromotionGateOptions());
    private static readonly HoldoutMetrics Champion = new(100, 0.10, 0.05, 0.40);

    private static ModelEvaluation Candidate(double ndcg, double coverage, double lower, double upper) =>
        new(new HoldoutMetrics(100, ndcg, 0.05, coverage), Champion, new MetricDifference(ndcg - Champion.NdcgAt10, 0.01, lower, upper));

    [Fact]
    public void A_candidate_worse_beyond_the_paired_interval_is_refused()
    {
        var decision = Gate.Decide(Candidate(0.07, 0.40, lower: -0.05, upper: -0.01));

        Assert.False(decision.Passed);
        Assert.StartsWith("NDCG@10 worse than the champion", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drop_inside_the_interval_passes()
    {
        Assert.True(Gate.Decide(Candidate(0.09, 0.40, lower: -0.03, upper: 0.01)).Passed);
    }

    [Fact]
    public void A_collapsed_coverage_is_refused_even_with_better_ndcg()
    {
        var decision = Gate.Decide(Candidate(0.12, 0.19, lower: 0.01, upper: 0.03));

        Assert.False(decision.Passed);
        Assert.StartsWith("coverage collapsed", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_at_the_floor_passes()
    {
        Assert.True(Gate.Decide(Candidate(0.12, 0.20, lower: 0.01, upper: 0.03)).Passed);
    }

    [Fact]
    public void A_candidate_that_recommends_nothing_is_refused()
    {
        var decision = Gate.Decide(new ModelEvaluation(new HoldoutMetrics(100, 0, 0, 0), null, null));

        Assert.False(decision.Passed);
    }
}
