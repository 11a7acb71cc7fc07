using System.Runtime.CompilerServices;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Similarity used for diversity: the co-visitation similarity when either item lists the other as a
/// neighbour (behaviour knows best), otherwise the Jaccard index of their genre sets. An item's neighbour
/// lookup is built once per <see cref="ItemStats"/> instance and lives as long as it does: inputs that
/// cache decoded stats (<see cref="Processing.ItemReadCache"/>, the offline replay) share it across lists.
/// </summary>
internal sealed class ItemSimilarity(IRecommendationInputs inputs)
{
    private static readonly Dictionary<string, double> NoNeighbours = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<ItemStats, Dictionary<string, double>> Lookups = [];
    private static readonly ConditionalWeakTable<ItemStats, Dictionary<string, double>>.CreateValueCallback BuildLookup = stats =>
    {
        var map = new Dictionary<string, double>(stats.Neighbours.Count, StringComparer.Ordinal);
        foreach (var n in stats.Neighbours)
        {
            map[n.ItemId] = n.Similarity;
        }

        return map;
    };

    private readonly Dictionary<string, Dictionary<string, double>> _neighbours = new(StringComparer.Ordinal);

    public double Between(CatalogItem a, CatalogItem b)
    {
        var viaA = NeighboursOf(a.ItemId).GetValueOrDefault(b.ItemId);
        var viaB = NeighboursOf(b.ItemId).GetValueOrDefault(a.ItemId);
        var behavioural = Math.Max(viaA, viaB);
        return behavioural > 0 ? behavioural : GenreJaccard(a.Genres, b.Genres);
    }

    /// <summary>|A ∩ B| / |A ∪ B| over distinct genres. Genre lists are a handful long and this runs for every
    /// pair MMR compares, so it counts with nested loops instead of allocating sets.</summary>
    public static double GenreJaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var distinctA = DistinctCount(a);
        var distinctB = DistinctCount(b);
        var intersection = 0;
        for (var i = 0; i < b.Count; i++)
        {
            if (IsFirstOccurrence(b, i) && Contains(a, b[i]))
            {
                intersection++;
            }
        }

        return (double)intersection / (distinctA + distinctB - intersection);
    }

    private static int DistinctCount(IReadOnlyList<string> values)
    {
        var count = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (IsFirstOccurrence(values, i))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsFirstOccurrence(IReadOnlyList<string> values, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(values[j], values[index], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private Dictionary<string, double> NeighboursOf(string itemId)
    {
        if (!_neighbours.TryGetValue(itemId, out var map))
        {
            map = inputs.FindStats(itemId) is { } stats ? Lookups.GetValue(stats, BuildLookup) : NoNeighbours;
            _neighbours[itemId] = map;
        }

        return map;
    }
}
