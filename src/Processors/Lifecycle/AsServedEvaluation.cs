using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>One model's held-out quality, with the per-user NDCG@10 a paired comparison needs (in held-out user order).</summary>
public sealed record HoldoutScores(HoldoutMetrics Metrics, IReadOnlyList<double> NdcgPerUser);

/// <summary>
/// Scores models as they would be served: the training slice is replayed once through the streaming
/// recommender's own logic (<see cref="OfflineReplay"/>), then each held-out user's list is built with each
/// model's published neighbours blended in (none for the config model), at the user's last training
/// event. So a candidate and its champion are measured on the same users, state and recommender. Scores may be
/// built in parallel.
/// </summary>
public sealed class AsServedEvaluation
{
    private const int K = 10;

    private readonly OfflineReplay _replay;
    private readonly ReplayOptions _options;
    private readonly HoldoutSplit _split;
    private readonly int _catalogSize;
    private readonly long _clockMs;

    public AsServedEvaluation(ReplayOptions options, IReadOnlyList<CatalogItem> catalog, HoldoutSplit split)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(split);
        _replay = new OfflineReplay(options, catalog);
        _replay.Ingest(split.Train);

        // Builds every item's stats once, so scores built in parallel only read the replay.
        foreach (var item in catalog)
        {
            _replay.FindStats(item.ItemId);
        }

        _options = options;
        _split = split;
        _catalogSize = catalog.Count(i => i.Available);
        _clockMs = split.Train.Count == 0 ? 0 : split.Train[^1].OccurredAtMs;
    }

    /// <param name="recommender">The settings the model's lists are built with (a config version's own).</param>
    public HoldoutScores Score(ItemNeighbourModel? model, RecommenderOptions recommender, int neighboursPerItem, CancellationToken cancellationToken)
    {
        var builder = new Recommender(recommender, _options.Affinity, _options.UserClasses);
        var inputs = new ModelBlendInputs(_replay, model, neighboursPerItem);
        var ndcg = new List<double>(_split.Relevant.Count);
        var map = 0.0;
        var lists = new List<IReadOnlyList<string>>(_split.Relevant.Count);
        foreach (var (userId, relevant) in _split.Relevant)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var profile = _replay.FindProfile(userId);
            var list = builder.Recommend(userId, profile, inputs, profile?.LastEngagementMs ?? _clockMs);
            var ranked = list.Items.Take(K).Select(i => i.ItemId).ToList();
            lists.Add(ranked);
            ndcg.Add(RankingMetrics.NdcgAtK(ranked, relevant, K));
            map += RankingMetrics.AveragePrecisionAtK(ranked, relevant, K);
        }

        var users = ndcg.Count;
        var metrics = new HoldoutMetrics(
            users,
            users == 0 ? 0 : ndcg.Average(),
            users == 0 ? 0 : map / users,
            RankingMetrics.CatalogCoverage(lists, K, _catalogSize));
        return new HoldoutScores(metrics, ndcg);
    }
}
