namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// Top-K ranking metrics with binary relevance. Recall@K = hits / |relevant|;
/// NDCG@K = Σ_{hit at rank r} 1/log2(r + 1) divided by the same sum for a perfect list of
/// min(|relevant|, K) hits; AP@K = Σ_{hit at rank r} precision@r / min(|relevant|, K).
/// All are 0 for a user with no relevant item (such users are skipped by the evaluator).
/// </summary>
public static class RankingMetrics
{
    public static double RecallAtK(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.Contains) / relevant.Count;

    public static double NdcgAtK(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        var dcg = 0.0;
        for (var r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (relevant.Contains(ranked[r]))
            {
                dcg += 1 / Math.Log2(r + 2);
            }
        }

        var ideal = 0.0;
        for (var r = 0; r < Math.Min(k, relevant.Count); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }

        return dcg / ideal;
    }

    public static double AveragePrecisionAtK(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        var hits = 0;
        var sum = 0.0;
        for (var r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (relevant.Contains(ranked[r]))
            {
                hits++;
                sum += (double)hits / (r + 1);
            }
        }

        return sum / Math.Min(relevant.Count, k);
    }

    /// <summary>Share of the catalog that appears in at least one user's top K.</summary>
    public static double CatalogCoverage(IEnumerable<IReadOnlyList<string>> lists, int k, int catalogSize) =>
        catalogSize == 0 ? 0 : (double)lists.SelectMany(l => l.Take(k)).Distinct(StringComparer.Ordinal).Count() / catalogSize;

    /// <summary>
    /// Mean self-information −log2 p(i) of recommended items, where p(i) is the share of training users who
    /// engaged with i (items nobody engaged with count as one user). Higher = less obvious picks.
    /// </summary>
    public static double Novelty(IEnumerable<IReadOnlyList<string>> lists, int k, IReadOnlyDictionary<string, int> usersPerItem, int userCount)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var item in lists.SelectMany(l => l.Take(k)))
        {
            var users = Math.Max(1, usersPerItem.GetValueOrDefault(item));
            sum += -Math.Log2((double)users / Math.Max(1, userCount));
            n++;
        }

        return n == 0 ? 0 : sum / n;
    }
}
