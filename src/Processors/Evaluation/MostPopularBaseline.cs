using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// The baseline every recommender must beat: items ranked by how many training interactions they have
/// (ties by item id), minus what the user already interacted with in training.
/// </summary>
public sealed class MostPopularBaseline
{
    private readonly List<string> _ranked;
    private readonly Dictionary<string, HashSet<string>> _seen = new(StringComparer.Ordinal);

    public MostPopularBaseline(IEnumerable<EngagementEvent> train)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in train)
        {
            counts[e.ItemId] = counts.GetValueOrDefault(e.ItemId) + 1;
            if (!_seen.TryGetValue(e.UserId, out var seen))
            {
                _seen[e.UserId] = seen = new HashSet<string>(StringComparer.Ordinal);
            }

            seen.Add(e.ItemId);
        }

        _ranked = [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key)];
    }

    public IReadOnlyList<string> Recommend(string userId, int count)
    {
        var seen = _seen.GetValueOrDefault(userId);
        return [.. _ranked.Where(i => seen is null || !seen.Contains(i)).Take(count)];
    }
}
