using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Maximal Marginal Relevance with a per-creator cap. Each step picks the candidate maximising
/// λ·relevance − (1 − λ)·max similarity to the items already picked (relevance = score / best score),
/// ties by item id; a candidate whose creator already has <c>maxPerCreator</c> items is skipped.
/// λ = 1 keeps the score order (only the cap applies). Each pick's value is kept as its
/// <see cref="Candidate.RankScore"/>: a remaining candidate's value only falls as picks add redundancy, so
/// the values of successive picks never rise. That also bounds the work: a candidate's value is at most its
/// relevance term, and the pool comes in score order (<see cref="RankedPool"/>), so a step stops at the first candidate
/// whose relevance alone falls below the best value found (with λ in [0, 1]), a candidate is taken from the pool only
/// when a step first reaches it, and its redundancy is brought up to date only when a step reaches it and its value when
/// last brought up to date (an upper bound, as λ ≤ 1 makes values only fall) is not below the best value found in the
/// step (the same maxima of the same similarities, so the same picks as comparing the whole pool).
/// </summary>
internal static class DiversityReranker
{
    [ThreadStatic]
    private static RerankScratch? t_scratch;

    public static List<Candidate> Rerank(RankedPool ranked, int count, double lambda, int maxPerCreator, ItemSimilarity similarity)
    {
        var picked = new List<Candidate>(count);
        var n = ranked.Count;
        if (n == 0)
        {
            return picked;
        }

        // The pool comes best first: its first score is the scale, and a candidate's relevance term, λ·score/scale, is
        // set in an array (with its item) when a step first reaches it.
        var scratch = (t_scratch ??= new RerankScratch()).Begin(n);
        var best = ranked[0].Score;
        var scale = best > 0 ? best : 1;
        var (items, relevance, lastValue) = (scratch.Items, scratch.Relevance, scratch.LastValue);
        var reached = 0;

        var redundancyWeight = 1 - lambda;
        var pairs = lambda < 1 ? similarity.Pool(new ArraySegment<CatalogItem>(items, 0, n)) : null;
        var canStopEarly = lambda is >= 0 and <= 1;
        var valuesOnlyFall = redundancyWeight >= 0;
        var (maxSimilarity, comparedPicks, taken) = (scratch.MaxSimilarity, scratch.ComparedPicks, scratch.Taken);
        var pickedIndexes = scratch.PickedIndexes;
        var remaining = n;
        var perCreator = scratch.PerCreator;

        // Whether some creator may be at the cap: until one is, no candidate needs the check.
        var anyAtCap = maxPerCreator <= 0;

        while (picked.Count < count && remaining > 0)
        {
            var bestIndex = -1;
            var bestValue = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (i == reached)
                {
                    var candidate = ranked[reached++];
                    (items[i], relevance[i]) = (candidate.Item, lambda * candidate.Score / scale);
                    lastValue[i] = relevance[i];
                }
                else if (taken[i])
                {
                    continue;
                }

                if (canStopEarly && bestIndex >= 0 && relevance[i] < bestValue)
                {
                    break;
                }

                // Its value when last brought up to date bounds its value now: it cannot win this step.
                if (valuesOnlyFall && bestIndex >= 0 && lastValue[i] < bestValue)
                {
                    continue;
                }

                // Caps only fill, so a candidate whose creator is at the cap is never picked: dropped here, before its
                // redundancy is brought up to date, it leaves the same picks as letting it win a step to be skipped (with
                // a large catalog a top creator's items fill the head of the pool, and each cost a step and comparisons).
                if (anyAtCap && CapReached(items[i], perCreator, maxPerCreator))
                {
                    taken[i] = true;
                    remaining--;
                    continue;
                }

                if (pairs is not null)
                {
                    for (; comparedPicks[i] < pickedIndexes.Count; comparedPicks[i]++)
                    {
                        maxSimilarity[i] = Math.Max(maxSimilarity[i], pairs.Between(i, pickedIndexes[comparedPicks[i]]));
                    }
                }

                var value = lastValue[i] = relevance[i] - (redundancyWeight * maxSimilarity[i]);
                if (bestIndex < 0 || value > bestValue
                    || (value == bestValue && string.CompareOrdinal(items[i].ItemId, items[bestIndex].ItemId) < 0))
                {
                    (bestIndex, bestValue) = (i, value);
                }
            }

            if (bestIndex < 0)
            {
                break;
            }

            taken[bestIndex] = true;
            remaining--;
            var chosen = ranked[bestIndex];
            var creators = chosen.Item.Creators;
            for (var c = 0; c < creators.Count; c++)
            {
                if (ItemSimilarity.IsFirstOccurrence(creators, c))
                {
                    var picks = perCreator[creators[c]] = perCreator.GetValueOrDefault(creators[c]) + 1;
                    anyAtCap |= picks >= maxPerCreator;
                }
            }

            chosen.RankScore = bestValue;
            picked.Add(chosen);
            pickedIndexes.Add(bestIndex);
        }

        return picked;
    }

    // Loops rather than LINQ: these run for every pick of every list.
    private static bool CapReached(CatalogItem item, Dictionary<string, int> perCreator, int maxPerCreator)
    {
        var creators = item.Creators;
        for (var c = 0; c < creators.Count; c++)
        {
            if (perCreator.GetValueOrDefault(creators[c]) >= maxPerCreator)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One thread's working arrays, reused list after list (a pool is up to a few hundred candidates).</summary>
    private sealed class RerankScratch
    {
        public CatalogItem[] Items { get; private set; } = [];

        public double[] Relevance { get; private set; } = [];

        /// <summary>Each reached candidate's value when a step last brought its redundancy up to date.</summary>
        public double[] LastValue { get; private set; } = [];

        public double[] MaxSimilarity { get; private set; } = [];

        public int[] ComparedPicks { get; private set; } = [];

        public bool[] Taken { get; private set; } = [];

        public List<int> PickedIndexes { get; } = [];

        public Dictionary<string, int> PerCreator { get; } = new(StringComparer.Ordinal);

        /// <summary>Clears the state of the previous list for a pool of <paramref name="n"/> (whose items the caller sets).</summary>
        public RerankScratch Begin(int n)
        {
            if (Items.Length < n)
            {
                (Items, Relevance, MaxSimilarity, LastValue) = (new CatalogItem[n], new double[n], new double[n], new double[n]);
                (ComparedPicks, Taken) = (new int[n], new bool[n]);
            }
            else
            {
                Array.Clear(MaxSimilarity, 0, n);
                Array.Clear(ComparedPicks, 0, n);
                Array.Clear(Taken, 0, n);
            }

            PickedIndexes.Clear();
            PerCreator.Clear();
            return this;
        }
    }
}
