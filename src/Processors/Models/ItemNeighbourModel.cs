using System.Globalization;
using System.Runtime.InteropServices;

namespace RecoStreams.Processors.Models;

/// <summary>
/// A trained item-to-item model kept compact: for each item, its top neighbours with scores, highest first.
/// A user's score for item j is Σ over their history items i of w(i) · score(i → j), where w(i) is the
/// interaction's weight times <see cref="RecencyFactor"/> per distinct later timestamp in the history
/// (items that share a timestamp are unordered, so they share a weight). Items in the history are never
/// recommended. Small enough to publish as one record per item.
/// </summary>
public sealed class ItemNeighbourModel
{
    private readonly Dictionary<string, ScoredItem[]> _neighbours;

    /// <param name="modelType">The trainer's model type, e.g. <c>ease</c>.</param>
    /// <param name="parameters">The settings it was trained with, as invariant strings (lineage).</param>
    /// <param name="neighbours">Per item, its neighbours; sorted here (score descending, then item id), self-links and non-finite or non-positive scores dropped.</param>
    /// <param name="recencyFactor">In (0, 1]: how much a history item counts per distinct later timestamp (1 = order does not matter).</param>
    public ItemNeighbourModel(
        string modelType,
        IReadOnlyDictionary<string, string> parameters,
        IEnumerable<KeyValuePair<string, IReadOnlyList<ScoredItem>>> neighbours,
        double recencyFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelType);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(neighbours);
        if (!(recencyFactor > 0 && recencyFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(recencyFactor), recencyFactor, "The recency factor must be in (0, 1].");
        }

        ModelType = modelType;
        Parameters = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        RecencyFactor = recencyFactor;
        _neighbours = new Dictionary<string, ScoredItem[]>(StringComparer.Ordinal);
        foreach (var (item, list) in neighbours)
        {
            var kept = list.Where(n => n.ItemId != item && float.IsFinite(n.Score) && n.Score > 0).ToArray();
            Array.Sort(kept, ByScoreDescending);
            if (kept.Length > 0)
            {
                _neighbours[item] = kept;
            }
        }
    }

    private ItemNeighbourModel(ItemNeighbourModel model, double recencyFactor)
    {
        ModelType = model.ModelType;
        Parameters = new Dictionary<string, string>(model.Parameters, StringComparer.Ordinal)
        {
            ["recencyFactor"] = recencyFactor.ToString(CultureInfo.InvariantCulture),
        };
        RecencyFactor = recencyFactor;
        _neighbours = model._neighbours;
    }

    public string ModelType { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public double RecencyFactor { get; }

    /// <summary>The same neighbours scored with another recency factor (no copy; for tuning the factor without retraining).</summary>
    public ItemNeighbourModel WithRecencyFactor(double recencyFactor)
    {
        if (!(recencyFactor > 0 && recencyFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(recencyFactor), recencyFactor, "The recency factor must be in (0, 1].");
        }

        return new ItemNeighbourModel(this, recencyFactor);
    }

    /// <summary>Items that have at least one neighbour, in ordinal order.</summary>
    public IReadOnlyList<string> Items => [.. _neighbours.Keys.Order(StringComparer.Ordinal)];

    public int ItemCount => _neighbours.Count;

    /// <summary>The item's neighbours, highest score first; empty when the model does not know the item.</summary>
    public IReadOnlyList<ScoredItem> NeighboursOf(string itemId) =>
        _neighbours.TryGetValue(itemId, out var list) ? list : [];

    /// <summary>Every item reachable from the history with its summed score; history items excluded.</summary>
    public Dictionary<string, double> Score(IEnumerable<Interaction> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var seeds = SeedWeights(history, RecencyFactor);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (item, weight) in seeds)
        {
            if (weight <= 0 || !_neighbours.TryGetValue(item, out var list))
            {
                continue;
            }

            foreach (var neighbour in list)
            {
                if (!seeds.ContainsKey(neighbour.ItemId))
                {
                    // One lookup instead of a read and a write: this loop is most of evaluate's baseline grids.
                    ref var score = ref CollectionsMarshal.GetValueRefOrAddDefault(scores, neighbour.ItemId, out _);
                    score += weight * neighbour.Score;
                }
            }
        }

        return scores;
    }

    /// <summary>The <paramref name="count"/> best-scored items for a user with this history (ties by item id).</summary>
    public IReadOnlyList<ScoredItem> Recommend(IEnumerable<Interaction> history, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Score(history)
            .Select(kv => new ScoredItem(kv.Key, (float)kv.Value))
            .Order(Comparer<ScoredItem>.Create(ByScoreDescending))
            .Take(count)];
    }

    /// <summary>
    /// Each history item once, at its latest interaction: weight × factor^(distinct timestamps after it).
    /// Items with no positive interaction are still "seen" (weight 0) so they are never recommended.
    /// </summary>
    internal static Dictionary<string, double> SeedWeights(IEnumerable<Interaction> history, double recencyFactor)
    {
        var latest = new Dictionary<string, Interaction>(StringComparer.Ordinal);
        foreach (var e in history)
        {
            if (!latest.TryGetValue(e.ItemId, out var known) || e.TimestampMs > known.TimestampMs
                || (e.TimestampMs == known.TimestampMs && e.Weight > known.Weight))
            {
                latest[e.ItemId] = e;
            }
        }

        var timestamps = latest.Values.Select(e => e.TimestampMs).Distinct().Order().ToArray();
        var seeds = new Dictionary<string, double>(latest.Count, StringComparer.Ordinal);
        foreach (var (item, e) in latest)
        {
            var stepsBack = timestamps.Length - 1 - Array.BinarySearch(timestamps, e.TimestampMs);
            seeds[item] = e.Weight > 0 ? e.Weight * Math.Pow(recencyFactor, stepsBack) : 0;
        }

        return seeds;
    }

    private static int ByScoreDescending(ScoredItem a, ScoredItem b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.ItemId, b.ItemId);
}
