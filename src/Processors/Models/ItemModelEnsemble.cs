using System.Globalization;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Several trained item models published as one artefact of the same shape: an item's neighbours are the
/// union of each model's, each model's list scaled to its best neighbour (EASE weights, cosines and
/// transition counts live on different scales), summed, and the best <c>topK</c> kept. A whole-history
/// model (EASE, ItemKNN) and a next-item one (transitions) blended this way serve both questions from
/// one neighbour list per item. Optional per-model weights (chosen on validation) tilt the sum towards one
/// question or the other; the artefact's shape is the same.
/// </summary>
public static class ItemModelEnsemble
{
    public const string Type = "ensemble";

    /// <param name="models">The models to combine.</param>
    /// <param name="topK">Neighbours kept per item.</param>
    /// <param name="weights">Per model, what its scaled list counts (finite, not negative); null counts each 1.</param>
    public static ItemNeighbourModel Combine(IReadOnlyList<ItemNeighbourModel> models, int topK, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfZero(models.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (weights is not null && (weights.Count != models.Count || weights.Any(w => !double.IsFinite(w) || w < 0)))
        {
            throw new ArgumentException("One finite, non-negative weight per model is needed.", nameof(weights));
        }

        var items = models.SelectMany(m => m.Items).ToHashSet(StringComparer.Ordinal);
        var neighbours = new Dictionary<string, IReadOnlyList<ScoredItem>>(items.Count, StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            sums.Clear();
            for (var m = 0; m < models.Count; m++)
            {
                var list = models[m].NeighboursOf(item);
                var weight = weights?[m] ?? 1;
                if (list.Count == 0 || weight == 0)
                {
                    continue;
                }

                var best = (double)list[0].Score;
                foreach (var n in list)
                {
                    sums[n.ItemId] = sums.GetValueOrDefault(n.ItemId) + (weight * n.Score / best);
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
        if (weights is not null)
        {
            parameters["weights"] = string.Join('+', weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        }

        return new ItemNeighbourModel(Type, parameters, neighbours);
    }
}
