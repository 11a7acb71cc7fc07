using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Similarity used for diversity: the co-visitation similarity when either item lists the other as a
/// neighbour (behaviour knows best), otherwise the Jaccard index of their genre sets.
/// </summary>
internal sealed class ItemSimilarity(IRecommendationInputs inputs)
{
    private readonly Dictionary<string, Dictionary<string, double>> _neighbours = new(StringComparer.Ordinal);

    public double Between(CatalogItem a, CatalogItem b)
    {
        var viaA = NeighboursOf(a.ItemId).GetValueOrDefault(b.ItemId);
        var viaB = NeighboursOf(b.ItemId).GetValueOrDefault(a.ItemId);
        var behavioural = Math.Max(viaA, viaB);
        return behavioural > 0 ? behavioural : GenreJaccard(a.Genres, b.Genres);
    }

    public static double GenreJaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var setA = new HashSet<string>(a, StringComparer.Ordinal);
        var intersection = b.Distinct(StringComparer.Ordinal).Count(setA.Contains);
        var union = setA.Count + b.Distinct(StringComparer.Ordinal).Count() - intersection;
        return (double)intersection / union;
    }

    private Dictionary<string, double> NeighboursOf(string itemId)
    {
        if (!_neighbours.TryGetValue(itemId, out var map))
        {
            map = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var n in inputs.FindStats(itemId)?.Neighbours ?? [])
            {
                map[n.ItemId] = n.Similarity;
            }

            _neighbours[itemId] = map;
        }

        return map;
    }
}
