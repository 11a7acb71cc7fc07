using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>Mean metrics of one model at one cut-off over the users with at least one relevant held-out item.</summary>
public sealed record ModelMetrics(string Model, int K, int Users, double Recall, double Ndcg, double Map, double Coverage, double Novelty)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Model,-12} K={K,-3} users={Users} recall={Recall:F4} ndcg={Ndcg:F4} map={Map:F4} coverage={Coverage:F4} novelty={Novelty:F2}");
}

/// <summary>
/// Runs a split through the offline replay and the MostPopular baseline and scores both on the same
/// users and cut-offs.
/// </summary>
public static class Evaluator
{
    public static IReadOnlyList<ModelMetrics> Run(DataSplit split, IReadOnlyList<CatalogItem> catalog, ReplayOptions options, IReadOnlyList<int> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(split);
        var maxK = cutoffs.Max();
        options.Recommender.ListSize = Math.Max(options.Recommender.ListSize, maxK);

        var users = split.Test.Keys
            .Select(u => (User: u, Relevant: split.RelevantItems(u)))
            .Where(x => x.Relevant.Count > 0)
            .OrderBy(x => x.User, StringComparer.Ordinal)
            .ToList();

        // Like the baseline, the replay learns from the whole training part, then recommends.
        var replay = new OfflineReplay(options, catalog);
        replay.Ingest(split.Train);
        var ours = users.Select(x => (IReadOnlyList<string>)[.. replay.Recommend(x.User).Items.Select(i => i.ItemId)]).ToList();
        var baseline = new MostPopularBaseline(split.Train);
        var popular = users.Select(x => baseline.Recommend(x.User, maxK)).ToList();

        var usersPerItem = split.Train
            .GroupBy(e => e.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var trainUsers = split.Train.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count();

        var results = new List<ModelMetrics>();
        foreach (var k in cutoffs)
        {
            results.Add(Score("RecoStreams", ours, k));
            results.Add(Score("MostPopular", popular, k));
        }

        return results;

        ModelMetrics Score(string model, List<IReadOnlyList<string>> lists, int k)
        {
            double recall = 0, ndcg = 0, map = 0;
            for (var i = 0; i < users.Count; i++)
            {
                recall += RankingMetrics.RecallAtK(lists[i], users[i].Relevant, k);
                ndcg += RankingMetrics.NdcgAtK(lists[i], users[i].Relevant, k);
                map += RankingMetrics.AveragePrecisionAtK(lists[i], users[i].Relevant, k);
            }

            var n = Math.Max(1, users.Count);
            return new ModelMetrics(
                model,
                k,
                users.Count,
                recall / n,
                ndcg / n,
                map / n,
                RankingMetrics.CatalogCoverage(lists, k, catalog.Count),
                RankingMetrics.Novelty(lists, k, usersPerItem, trainUsers));
        }
    }
}
