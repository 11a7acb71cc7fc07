using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation;

/// <summary>One system's lists scored at one cut-off: per-user values (in <see cref="ListScorer.Users"/> order) and list-level measures.</summary>
public sealed record ScoredLists(string System, int K, double[] Recall, double[] Ndcg, double[] Map, double Coverage, double Novelty)
{
    public SystemMetrics ToMetrics()
    {
        var (recall, ndcg, map) = (MeanEstimate.Of(Recall), MeanEstimate.Of(Ndcg), MeanEstimate.Of(Map));
        return new SystemMetrics(System, K, Ndcg.Length, recall.Mean, recall.StandardError, ndcg.Mean, ndcg.StandardError, map.Mean, map.StandardError, Coverage, Novelty);
    }
}

/// <summary>
/// Scores any system's lists on one split with the shared <see cref="RankingMetrics"/>, so every system is
/// measured on the same users, relevance and popularity counts, and per-user values can be paired.
/// </summary>
public sealed class ListScorer
{
    private readonly IReadOnlyList<(string User, HashSet<string> Relevant)> _users;
    private readonly int _catalogSize;
    private readonly Dictionary<string, int> _usersPerItem;
    private readonly int _trainUsers;

    public ListScorer(DataSplit split, int catalogSize)
    {
        ArgumentNullException.ThrowIfNull(split);
        _users = split.Test.Keys
            .Select(u => (User: u, Relevant: split.RelevantItems(u)))
            .Where(x => x.Relevant.Count > 0)
            .OrderBy(x => x.User, StringComparer.Ordinal)
            .ToList();
        _catalogSize = catalogSize;
        _usersPerItem = split.Train
            .GroupBy(e => e.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        _trainUsers = split.Train.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>Users with at least one relevant held-out item: the ones every system is scored on, in ordinal order.</summary>
    public IReadOnlyList<string> Users => [.. _users.Select(u => u.User)];

    /// <summary>The NDCG@<paramref name="k"/> of one user's list, the user given by its place in <see cref="Users"/> (as <see cref="Score"/> counts it).</summary>
    public double Ndcg(int user, IReadOnlyList<string> list, int k) => RankingMetrics.NdcgAtK(list, _users[user].Relevant, k);

    public ScoredLists Score(string system, IReadOnlyDictionary<string, IReadOnlyList<string>> lists, int k)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var (recall, ndcg, map) = (new double[_users.Count], new double[_users.Count], new double[_users.Count]);
        var ranked = new List<IReadOnlyList<string>>(_users.Count);
        for (var u = 0; u < _users.Count; u++)
        {
            var (user, relevant) = _users[u];
            var list = lists.GetValueOrDefault(user) ?? [];
            ranked.Add(list);
            recall[u] = RankingMetrics.RecallAtK(list, relevant, k);
            ndcg[u] = RankingMetrics.NdcgAtK(list, relevant, k);
            map[u] = RankingMetrics.AveragePrecisionAtK(list, relevant, k);
        }

        return new ScoredLists(
            system,
            k,
            recall,
            ndcg,
            map,
            RankingMetrics.CatalogCoverage(ranked, k, _catalogSize),
            RankingMetrics.Novelty(ranked, k, _usersPerItem, _trainUsers));
    }

    public static Dictionary<string, IReadOnlyList<string>> ListsFor(IEnumerable<string> users, Func<string, IReadOnlyList<string>> recommend) =>
        users.ToDictionary(u => u, recommend, StringComparer.Ordinal);
}
