using RecoStreams.Processors.Evaluation;

namespace RecoStreams.QueryApi.Evaluation;

/// <summary>
/// Scores any system's lists on one split with the shared <see cref="RankingMetrics"/>, so every system is
/// measured on the same users, relevance and popularity counts.
/// </summary>
internal sealed class ListScorer
{
    private readonly IReadOnlyList<(string User, HashSet<string> Relevant)> _users;
    private readonly int _catalogSize;
    private readonly Dictionary<string, int> _usersPerItem;
    private readonly int _trainUsers;

    public ListScorer(DataSplit split, int catalogSize)
    {
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

    /// <summary>Users with at least one relevant held-out item: the ones every system is scored on.</summary>
    public IReadOnlyList<string> Users => [.. _users.Select(u => u.User)];

    public ModelMetrics Score(string system, IReadOnlyDictionary<string, IReadOnlyList<string>> lists, int k)
    {
        double recall = 0, ndcg = 0, map = 0;
        var ranked = new List<IReadOnlyList<string>>(_users.Count);
        foreach (var (user, relevant) in _users)
        {
            var list = lists.GetValueOrDefault(user) ?? [];
            ranked.Add(list);
            recall += RankingMetrics.RecallAtK(list, relevant, k);
            ndcg += RankingMetrics.NdcgAtK(list, relevant, k);
            map += RankingMetrics.AveragePrecisionAtK(list, relevant, k);
        }

        var n = Math.Max(1, _users.Count);
        return new ModelMetrics(
            system,
            k,
            _users.Count,
            recall / n,
            ndcg / n,
            map / n,
            RankingMetrics.CatalogCoverage(ranked, k, _catalogSize),
            RankingMetrics.Novelty(ranked, k, _usersPerItem, _trainUsers));
    }

    public static Dictionary<string, IReadOnlyList<string>> ListsFor(IEnumerable<string> users, Func<string, IReadOnlyList<string>> recommend) =>
        users.ToDictionary(u => u, recommend, StringComparer.Ordinal);
}
