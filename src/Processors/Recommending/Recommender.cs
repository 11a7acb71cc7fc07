using System.Runtime.InteropServices;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Builds a user's top-N. Pure and deterministic: the same profile, inputs and time give the same list
/// (every ordering breaks ties by item id). Strategy follows the user's class: ColdStart → popular in
/// the user's languages/genres, else overall; New → content-led blend; Casual/Active → hybrid item-kNN +
/// content + popularity; Power → item-kNN-led with stronger MMR diversity. Each source's scores are
/// normalised by their best candidate before blending, so the weights mean what they say.
/// </summary>
public sealed class Recommender
{
    private static readonly BlendWeights PopularOnly = new(0, 0, 1);

    // The selection's and the sort's working arrays, reused by the thread's next list.
    [ThreadStatic]
    private static OrderScratch? t_order;

    // One comparer for every list: Comparer.Create per run of equal scores allocated a delegate and a comparer each time.
    private static readonly Comparer<Candidate> ById = Comparer<Candidate>.Create(static (a, b) => string.CompareOrdinal(a.Item.ItemId, b.Item.ItemId));

    private readonly RecommenderOptions _options;
    private readonly double _affinityHalfLifeMs;
    private readonly UserClassifier _classifier;
    private readonly CandidateGenerator _generator;

    public Recommender(RecommenderOptions options, AffinityOptions affinity, UserClassOptions classes)
    {
        _options = options;
        _affinityHalfLifeMs = affinity.HalfLife.TotalMilliseconds;
        _classifier = new UserClassifier(classes);
        _generator = new CandidateGenerator(options);
    }

    public static RecommendationStrategy StrategyFor(UserClass userClass) => userClass switch
    {
        UserClass.ColdStart => RecommendationStrategy.PopularFallback,
        UserClass.New => RecommendationStrategy.ContentBased,
        UserClass.Power => RecommendationStrategy.CfDiverse,
        _ => RecommendationStrategy.Hybrid,
    };

    public RecommendationList Recommend(string userId, UserProfile? profile, IRecommendationInputs inputs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (candidates, strategy, userClass) = Candidates(profile, inputs, nowMs);
        var picked = Rank(candidates, strategy, inputs);

        // The list shows the score it was ranked by, so rank and score agree (relevance alone may rise down an MMR list).
        var items = picked.Select(c => new RecommendedItem(c.Item.ItemId, c.RankScore, c.Source, Explain(c, inputs))).ToList();
        return new RecommendationList(userId, items, strategy, userClass, nowMs) { ModelVersion = inputs.ModelVersion };
    }

    internal RecommenderOptions Options => _options;

    /// <summary>The user's class, its strategy and the candidates with their per-source scores (the thread's, until it generates again).</summary>
    internal (List<Candidate> Candidates, RecommendationStrategy Strategy, UserClass UserClass) Candidates(
        UserProfile? profile, IRecommendationInputs inputs, long nowMs)
    {
        var userClass = _classifier.Classify(profile, nowMs);
        var strategy = StrategyFor(userClass);
        var matcher = profile is null ? null : ContentMatcher.For(profile, nowMs, _affinityHalfLifeMs);
        return (_generator.Generate(profile, matcher, WeightsFor(strategy), inputs, nowMs), strategy, userClass);
    }

    /// <summary>
    /// The candidates blended, cut to the re-rank pool and MMR re-ranked: what follows generation, apart so that a
    /// settings grid can rank one user's candidates under many blends (<see cref="BlendSweep"/>).
    /// </summary>
    internal List<Candidate> Rank(List<Candidate> candidates, RecommendationStrategy strategy, IRecommendationInputs inputs)
    {
        Blend(candidates, WeightsFor(strategy), _options.TrainedNeighbourWeight);
        var pool = BestByScoreThenId(candidates, _options.RerankPool);
        var lambda = strategy == RecommendationStrategy.CfDiverse ? _options.PowerMmrLambda : _options.MmrLambda;
        return DiversityReranker.Rerank(pool, _options.ListSize, lambda, _options.MaxPerCreator, new ItemSimilarity(inputs));
    }

    /// <summary>
    /// The first <paramref name="count"/> candidates of <see cref="SortByScoreThenId"/>'s order, in that order, without
    /// sorting the rest: a list has a thousand candidates or more and MMR reads a pool of 200. The score of the
    /// <paramref name="count"/>-th best is found by selection; every candidate scoring above it is in the pool, and the
    /// candidates scoring exactly that take the places left, lowest ids first. The pool lives in the calling thread's
    /// buffer: valid until the thread asks again.
    /// </summary>
    internal static ArraySegment<Candidate> BestByScoreThenId(List<Candidate> candidates, int count)
    {
        var scratch = t_order ??= new OrderScratch();
        var n = candidates.Count;
        if (n <= count)
        {
            var all = scratch.Pool(n);
            CollectionsMarshal.AsSpan(candidates).CopyTo(all);
            SortByScoreThenId(all);
            return all;
        }

        if (count <= 0)
        {
            return ArraySegment<Candidate>.Empty;
        }

        var keys = scratch.Keys(n);
        for (var i = 0; i < n; i++)
        {
            keys[i] = -candidates[i].Score;
        }

        var threshold = Select(keys, count - 1);
        var pool = scratch.Pool(count);
        var above = 0;
        var ties = scratch.Ties;
        ties.Clear();
        foreach (var candidate in candidates)
        {
            var key = -candidate.Score;
            if (key < threshold)
            {
                pool[above++] = candidate;
            }
            else if (key == threshold)
            {
                ties.Add(candidate);
            }
        }

        ties.Sort(ById);
        ties.CopyTo(0, pool.Array!, above, count - above);
        SortByScoreThenId(pool);
        return pool;
    }

    /// <summary>
    /// The value that would stand at <paramref name="k"/> if <paramref name="keys"/> (finite) were sorted ascending;
    /// reorders <paramref name="keys"/>. Hoare's selection: partition around a median of three, keep the side holding k.
    /// </summary>
    internal static double Select(Span<double> keys, int k)
    {
        var (lo, hi) = (0, keys.Length - 1);
        while (lo < hi)
        {
            var pivot = MedianOfThree(keys[lo], keys[lo + ((hi - lo) / 2)], keys[hi]);
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (keys[i] < pivot)
                {
                    i++;
                }

                while (keys[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    (i, j) = (i + 1, j - 1);
                }
            }

            // keys[lo..j] <= pivot <= keys[i..hi], and everything strictly between j and i equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return pivot;
            }
        }

        return keys[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    /// <summary>
    /// Best score first, ties by item id: a total order, as item ids are unique among candidates. Sorted with the
    /// (finite) scores as keys, then each run of equal scores by id: the order one comparison sort by (score, id)
    /// gives, without a delegate call and a string comparison for every comparison of a list of hundreds.
    /// </summary>
    internal static void SortByScoreThenId(Span<Candidate> ranked)
    {
        var keys = (t_order ??= new OrderScratch()).SortKeys(ranked.Length);
        for (var i = 0; i < ranked.Length; i++)
        {
            keys[i] = -ranked[i].Score;
        }

        keys.Sort(ranked);
        for (var start = 0; start < ranked.Length;)
        {
            var end = start + 1;
            while (end < ranked.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                ranked[start..end].Sort(ById);
            }

            start = end;
        }
    }

    internal BlendWeights WeightsFor(RecommendationStrategy strategy) => strategy switch
    {
        RecommendationStrategy.PopularFallback => PopularOnly,
        RecommendationStrategy.ContentBased => _options.NewUserWeights,
        RecommendationStrategy.CfDiverse => _options.PowerWeights,
        _ => _options.HybridWeights,
    };

    private static void Blend(List<Candidate> candidates, BlendWeights weights, double trainedWeight)
    {
        var (maxCf, maxTrained, maxContent, maxPopular) = (0.0, 0.0, 0.0, 0.0);
        foreach (var c in candidates)
        {
            (maxCf, maxTrained) = (Math.Max(maxCf, c.Cf.Score), Math.Max(maxTrained, c.Trained.Score));
            (maxContent, maxPopular) = (Math.Max(maxContent, c.Content), Math.Max(maxPopular, c.Popular));
        }

        // Each source is normalised by its best candidate; a source nobody scores on divides by 1. A trained score kept
        // apart (TrainedScaling.WholeList) joins co-visitation's inside the item-kNN share, so the blend weights keep their meaning.
        maxCf = maxCf > 0 ? maxCf : 1;
        var (trainedShare, cfShare) = maxTrained > 0 ? (trainedWeight / (1 + trainedWeight), 1 / (1 + trainedWeight)) : (0, 1);
        maxTrained = maxTrained > 0 ? maxTrained : 1;
        maxContent = maxContent > 0 ? maxContent : 1;
        maxPopular = maxPopular > 0 ? maxPopular : 1;
        foreach (var c in candidates)
        {
            var cf = trainedShare == 0 ? weights.Cf * c.Cf.Score / maxCf
                : weights.Cf * ((cfShare * c.Cf.Score / maxCf) + (trainedShare * c.Trained.Score / maxTrained));
            var content = weights.Content * c.Content / maxContent;
            var popular = weights.Popular * c.Popular / maxPopular;
            c.Score = cf + content + popular;
            c.Source = cf >= content && cf >= popular && cf > 0 ? RecommendationSource.Cf
                : content >= popular && content > 0 ? RecommendationSource.Content
                : c.PopularGenre is not null ? RecommendationSource.Popular
                : RecommendationSource.Trending;
        }
    }

    private static string Explain(Candidate c, IRecommendationInputs inputs) => c.Source switch
    {
        RecommendationSource.Cf when (c.Cf.Seed ?? c.Trained.Seed) is { } seed =>
            Explanations.BecauseOf(seed, inputs.FindItem(seed.ItemId)?.Title ?? seed.ItemId),
        RecommendationSource.Content when c.ContentReason is { } reason => reason.Text,
        RecommendationSource.Popular when c.PopularGenre is { } genre => Explanations.PopularIn(genre),
        _ => Explanations.TrendingNow,
    };

    /// <summary>One thread's arrays for ordering candidates, grown to the largest list seen (a list has up to a few thousand).</summary>
    private sealed class OrderScratch
    {
        private double[] _keys = new double[1024];
        private double[] _sortKeys = new double[256];
        private Candidate[] _pool = new Candidate[256];

        public List<Candidate> Ties { get; } = [];

        /// <summary>Selection keys for <paramref name="n"/> candidates (the selection reorders them).</summary>
        public Span<double> Keys(int n) => (_keys = Grown(_keys, n)).AsSpan(0, n);

        /// <summary>Sort keys, apart from <see cref="Keys"/>: the pool is sorted after the selection.</summary>
        public Span<double> SortKeys(int n) => (_sortKeys = Grown(_sortKeys, n)).AsSpan(0, n);

        public ArraySegment<Candidate> Pool(int n) => new(_pool = Grown(_pool, n), 0, n);

        private static T[] Grown<T>(T[] array, int n) => array.Length >= n ? array : new T[Math.Max(n, array.Length * 2)];
    }
}
