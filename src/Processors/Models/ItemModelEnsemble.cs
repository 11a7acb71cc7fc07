using System.Globalization;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Several trained item models published as one artefact of the same shape: an item's neighbours are the
/// union of each model's, each model's list scaled to its best neighbour (EASE weights, cosines and
/// transition counts live on different scales), summed, and the best <c>topK</c> kept. A whole-history
/// model (EASE, ItemKNN) and a next-item one (transitions) blended this way serve both questions from
/// one neighbour list per item.
/// </summary>
public static class ItemModelEnsemble
{
    public const string Type = "ensemble";

    public static ItemNeighbourModel Combine(IReadOnlyList<ItemNeighbourModel> models, int topK)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfZero(models.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        var items = models.SelectMany(m => m.Items).ToHashSet(StringComparer.Ordinal);
        var neighbours = new Dictionary<string, IReadOnlyList<ScoredItem>>(items.Count, StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            sums.Clear();
            foreach (var model in models)
            {
                var list = model.NeighboursOf(item);
                if (list.Count == 0)
                {
                    continue;
                }

                var best = (double)list[0].Score;
                foreach (var n in list)
                {
                    sums[n.ItemId] = sums.GetValueOrDefault(n.ItemId) + (n.Score / best);
                }
            }

            neighbours[item] = [.. sums
                .OrderByDescending(s => s.Value)
                .ThenBy(s => s.Key, StringComparer.Ordinal)
                .Take(topK)
                .Select(s => new ScoredItem(s.Key, (float)s.Value))];
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["models"] = string.Join('+', models.Select(m => m.ModelType)),
            ["topK"] = topK.ToString(CultureInfo.InvariantCulture),
        };
        return new ItemNeighbourModel(Type, parameters, neighbours);
    }
}
