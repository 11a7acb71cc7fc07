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
    public HoldoutScores Score(ItemNeighbourModel? model, RecommenderOptions recommender, int neighboursPerItem, CancellationToken cancellationToken) =>
        Score(model, [recommender], neighboursPerItem, cancellationToken)[0];

    /// <summary>
    /// The model's scores with each of <paramref name="settings"/> (in that order): each user's candidates are built
    /// once for all of them (<see cref="BlendSweep"/>), users in parallel.
    /// </summary>
    public IReadOnlyList<HoldoutScores> Score(
        ItemNeighbourModel? model, IReadOnlyList<RecommenderOptions> settings, int neighboursPerItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sweep = new BlendSweep(settings, _options.Affinity, _options.UserClasses);
        var inputs = new ModelBlendInputs(_replay, model, neighboursPerItem);
        var users = _split.Relevant.ToArray();
        var ranked = new IReadOnlyList<string>[settings.Count][];
        for (var s = 0; s < settings.Count; s++)
        {
            ranked[s] = new IReadOnlyList<string>[users.Length];
        }

        sweep.ListsInParallel(
            [.. users.Select(user => user.Key)],
            _replay.FindProfile,
            inputs,
            _clockMs,
            (u, lists) =>
            {
                for (var s = 0; s < lists.Length; s++)
                {
                    ranked[s][u] = [.. lists[s].Take(K)];
                }
            },
            cancellationToken);

        return [.. ranked.Select(lists => Scores(users, lists))];
    }

    private HoldoutScores Scores(KeyValuePair<string, HashSet<string>>[] users, IReadOnlyList<string>[] lists)
    {
        var ndcg = new List<double>(users.Length);
        var map = 0.0;
        for (var u = 0; u < users.Length; u++)
        {
            ndcg.Add(RankingMetrics.NdcgAtK(lists[u], users[u].Value, K));
            map += RankingMetrics.AveragePrecisionAtK(lists[u], users[u].Value, K);
        }

        var count = ndcg.Count;
        var metrics = new HoldoutMetrics(
            count,
            count == 0 ? 0 : ndcg.Average(),
            count == 0 ? 0 : map / count,
            RankingMetrics.CatalogCoverage(lists, K, _catalogSize));
        return new HoldoutScores(metrics, ndcg);
    }
}
