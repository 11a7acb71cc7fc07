using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private static readonly HashSet<string> Relevant = ["a", "c"];

    [Fact]
    public void Recall_counts_hits_in_the_top_k_over_all_relevant_items()
    {
        Assert.Equal(0.5, RankingMetrics.RecallAtK(["a", "b", "x"], Relevant, 3), 10);
        Assert.Equal(1.0, RankingMetrics.RecallAtK(["a", "b", "c"], Relevant, 3), 10);
        Assert.Equal(0.5, RankingMetrics.RecallAtK(["a", "b", "c"], Relevant, 2), 10);
    }

    [Fact]
    public void Ndcg_discounts_hits_by_log2_of_rank_and_normalises_by_the_ideal_list()
    {
        // Hits at ranks 1 and 3: DCG = 1 + 1/log2(4) = 1.5; ideal (2 hits at ranks 1, 2) = 1 + 1/log2(3).
        var expected = 1.5 / (1 + (1 / Math.Log2(3)));
        Assert.Equal(expected, RankingMetrics.NdcgAtK(["a", "b", "c"], Relevant, 3), 10);
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(["c", "a", "b"], Relevant, 3), 10);
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(["x", "y"], Relevant, 2), 10);
    }

    [Fact]
    public void Ndcg_ideal_is_capped_at_k_hits()
    {
        HashSet<string> many = ["a", "b", "c", "d"];
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(["a", "b"], many, 2), 10);
    }

    [Fact]
    public void Average_precision_averages_precision_at_each_hit_over_min_of_relevant_and_k()
    {
        // Hits at 1 (P=1) and 3 (P=2/3): (1 + 2/3) / 2.
        Assert.Equal((1 + (2.0 / 3)) / 2, RankingMetrics.AveragePrecisionAtK(["a", "b", "c"], Relevant, 3), 10);
        // k = 1: one hit at rank 1, divided by min(2, 1) = 1.
        Assert.Equal(1.0, RankingMetrics.AveragePrecisionAtK(["a", "b", "c"], Relevant, 1), 10);
    }

    [Fact]
    public void Coverage_is_the_share_of_the_catalog_recommended_to_anyone()
    {
        IReadOnlyList<string>[] lists = [["a", "b"], ["b", "c"]];
        Assert.Equal(0.3, RankingMetrics.CatalogCoverage(lists, 2, 10), 10);
        Assert.Equal(0.2, RankingMetrics.CatalogCoverage(lists, 1, 10), 10);
    }

    [Fact]
    public void Novelty_is_the_mean_self_information_of_recommended_items()
    {
        var usersPerItem = new Dictionary<string, int> { ["pop"] = 8, ["rare"] = 1 };
        IReadOnlyList<string>[] lists = [["pop", "rare"]];
        // -log2(8/8) = 0 and -log2(1/8) = 3: mean 1.5.
        Assert.Equal(1.5, RankingMetrics.Novelty(lists, 2, usersPerItem, 8), 10);
    }
}
