namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Maximal Marginal Relevance with a per-creator cap. Each step picks the candidate maximising
/// λ·relevance − (1 − λ)·max similarity to the items already picked (relevance = score / best score),
/// ties by item id; a candidate whose creator already has <c>maxPerCreator</c> items is skipped.
/// λ = 1 keeps the score order (only the cap applies). Each pick's value is kept as its
/// <see cref="Candidate.RankScore"/>: a remaining candidate's value only falls as picks add redundancy, so
/// the values of successive picks never rise.
/// </summary>
internal static class DiversityReranker
{
    public static List<Candidate> Rerank(
        IReadOnlyList<Candidate> ranked, int count, double lambda, int maxPerCreator, ItemSimilarity similarity)
    {
        var picked = new List<Candidate>(count);
        if (ranked.Count == 0)
        {
            return picked;
        }

        var best = ranked.Max(c => c.Score);
        var scale = best > 0 ? best : 1;
        var pool = new List<Candidate>(ranked);
        var maxSimilarity = new List<double>(new double[pool.Count]);
        var perCreator = new Dictionary<string, int>(StringComparer.Ordinal);

        while (picked.Count < count && pool.Count > 0)
        {
            var bestIndex = 0;
            var bestValue = Marginal(pool[0].Score, maxSimilarity[0]);
            for (var i = 1; i < pool.Count; i++)
            {
                var value = Marginal(pool[i].Score, maxSimilarity[i]);
                if (value > bestValue || (value == bestValue && string.CompareOrdinal(pool[i].Item.ItemId, pool[bestIndex].Item.ItemId) < 0))
                {
                    (bestIndex, bestValue) = (i, value);
                }
            }

            var chosen = pool[bestIndex];
            pool.RemoveAt(bestIndex);
            maxSimilarity.RemoveAt(bestIndex);
            if (CapReached(chosen, perCreator, maxPerCreator))
            {
                continue;
            }

            foreach (var creator in chosen.Item.Creators.Distinct(StringComparer.Ordinal))
            {
                perCreator[creator] = perCreator.GetValueOrDefault(creator) + 1;
            }

            chosen.RankScore = bestValue;
            picked.Add(chosen);
            if (lambda < 1)
            {
                for (var i = 0; i < pool.Count; i++)
                {
                    maxSimilarity[i] = Math.Max(maxSimilarity[i], similarity.Between(pool[i].Item, chosen.Item));
                }
            }
        }

        return picked;

        double Marginal(double score, double redundancy) => (lambda * score / scale) - ((1 - lambda) * redundancy);
    }

    private static bool CapReached(Candidate candidate, Dictionary<string, int> perCreator, int maxPerCreator) =>
        candidate.Item.Creators.Any(c => perCreator.GetValueOrDefault(c) >= maxPerCreator);
}
