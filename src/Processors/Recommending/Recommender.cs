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
        // A loop, not Select: a closure and an iterator per list.
        var items = new List<RecommendedItem>(picked.Count);
        foreach (var c in picked)
        {
            items.Add(new RecommendedItem(c.Item.ItemId, c.RankScore, c.Source, Explain(c, inputs)));
        }

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
        var pool = RankedPool.For(CollectionsMarshal.AsSpan(candidates), _options.RerankPool);
        var lambda = strategy == RecommendationStrategy.CfDiverse ? _options.PowerMmrLambda : _options.MmrLambda;
        return DiversityReranker.Rerank(pool, _options.ListSize, lambda, _options.MaxPerCreator, new ItemSimilarity(inputs));
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
}
