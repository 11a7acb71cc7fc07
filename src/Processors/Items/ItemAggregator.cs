using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Items;

/// <summary>
/// The item-side maths, free of stores: folds signals and co-visitation pairs into an
/// <see cref="ItemAggregate"/>, assigns signals to hopping windows and builds the published
/// <see cref="ItemStats"/>. Only positive engagement counts towards popularity: a dislike is attention
/// the item should not be rewarded for, but it must not make the item less visible to everyone else.
/// </summary>
public sealed class ItemAggregator
{
    private readonly PopularityOptions _popularity;
    private readonly CoVisitationOptions _coVisitation;
    private readonly double _popularityHalfLifeMs;
    private readonly double _coHalfLifeMs;

    public ItemAggregator(PopularityOptions popularity, CoVisitationOptions coVisitation)
    {
        _popularity = popularity;
        _coVisitation = coVisitation;
        _popularityHalfLifeMs = popularity.HalfLife.TotalMilliseconds;
        _coHalfLifeMs = coVisitation.HalfLife.TotalMilliseconds;
        Windows = [.. popularity.Windows.Select(HoppingWindows.From)];
    }

    public IReadOnlyList<HoppingWindows> Windows { get; }

    /// <summary>Within a window, later events weigh more: half-life of a quarter of the window.</summary>
    public static double WindowHalfLifeMs(HoppingWindows windows) => windows.SizeMs / 4.0;

    public static double PopularityWeight(ItemSignal signal) => Math.Max(0, signal.Weight);

    public void ApplySignal(ItemAggregate aggregate, ItemSignal signal)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(signal);
        aggregate.Genres = signal.Genres;
        if (signal.Weight <= 0)
        {
            return;
        }

        aggregate.Popularity = aggregate.Popularity.Add(signal.Weight, signal.AtMs, _popularityHalfLifeMs);
        aggregate.Count = aggregate.Count.Add(1, signal.AtMs, _coHalfLifeMs);
    }

    public void ApplyPair(ItemAggregate aggregate, CoVisitationPair pair)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(pair);
        aggregate.CoCounts[pair.OtherItemId] = aggregate.CoCounts.GetValueOrDefault(pair.OtherItemId).Add(pair.Weight, pair.AtMs, _coHalfLifeMs);
        if (aggregate.CoCounts.Count > _coVisitation.MaxTrackedPerItem)
        {
            Prune(aggregate.CoCounts, pair.AtMs);
        }
    }

    /// <summary>Top-K neighbours by <see cref="CoVisitationSimilarity"/>, ties broken by item id.</summary>
    /// <param name="countOf">n_j of another item (from the item-stats table); null when unknown.</param>
    public IReadOnlyList<Neighbour> Neighbours(ItemAggregate aggregate, Func<string, double?> countOf, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(countOf);
        var ni = aggregate.Count.ValueAt(nowMs, _coHalfLifeMs);
        var topK = _coVisitation.TopK;
        if (topK <= 0)
        {
            return [];
        }

        // The K best under a total order (similarity, then id), kept in a heap whose root is the worst kept,
        // then sorted: the same list as sorting every co-count, for a fraction of the comparisons.
        var kept = new PriorityQueue<Neighbour, Neighbour>(Math.Min(topK, aggregate.CoCounts.Count) + 1, WorstFirst.Instance);
        foreach (var (other, co) in aggregate.CoCounts)
        {
            var coNow = co.ValueAt(nowMs, _coHalfLifeMs);
            var similarity = CoVisitationSimilarity.Compute(coNow, ni, countOf(other) ?? 0, _coVisitation.Shrinkage, _coVisitation.NeighbourPopularityExponent);
            if (similarity <= 0)
            {
                continue;
            }

            if (kept.Count < topK)
            {
                var neighbour = new Neighbour(other, similarity, coNow);
                kept.Enqueue(neighbour, neighbour);
            }
            else if (BestFirst(similarity, other, kept.Peek()) < 0)
            {
                var neighbour = new Neighbour(other, similarity, coNow);
                kept.DequeueEnqueue(neighbour, neighbour);
            }
        }

        var neighbours = new List<Neighbour>(kept.Count);
        while (kept.TryDequeue(out var neighbour, out _))
        {
            neighbours.Add(neighbour);
        }

        neighbours.Reverse();
        return neighbours;
    }

    /// <summary>Negative when (similarity, itemId) ranks before <paramref name="other"/>: higher similarity, then lower id.</summary>
    private static int BestFirst(double similarity, string itemId, Neighbour other) =>
        similarity != other.Similarity ? other.Similarity.CompareTo(similarity) : string.CompareOrdinal(itemId, other.ItemId);

    /// <summary>n_i decayed to <paramref name="nowMs"/>, the value other items normalise by.</summary>
    public double CountAt(ItemAggregate aggregate, long nowMs) => CountAt(aggregate.Count, nowMs);

    /// <inheritdoc cref="CountAt(ItemAggregate, long)"/>
    public double CountAt(DecayedScore count, long nowMs) => count.ValueAt(nowMs, _coHalfLifeMs);

    /// <summary>Recency-weighted popularity decayed to <paramref name="nowMs"/>.</summary>
    public double PopularityAt(ItemAggregate aggregate, long nowMs) => aggregate.Popularity.ValueAt(nowMs, _popularityHalfLifeMs);

    public ItemStats BuildStats(ItemAggregate aggregate, IReadOnlyList<WindowedPopularity> windows, IReadOnlyList<Neighbour> neighbours, long nowMs) =>
        new(
            aggregate.ItemId,
            nowMs,
            windows,
            PopularityAt(aggregate, nowMs),
            CountAt(aggregate, nowMs),
            neighbours,
            aggregate.Genres);

    private void Prune(Dictionary<string, DecayedScore> coCounts, long atMs)
    {
        // Drop the weakest tenth at once so pruning is amortised over many pairs.
        var keep = _coVisitation.MaxTrackedPerItem * 9 / 10;
        var weakest = coCounts
            .OrderBy(kv => kv.Value.ValueAt(atMs, _coHalfLifeMs))
            .ThenByDescending(kv => kv.Key, StringComparer.Ordinal)
            .Take(coCounts.Count - keep)
            .Select(kv => kv.Key)
            .ToList();
        foreach (var key in weakest)
        {
            coCounts.Remove(key);
        }
    }

    /// <summary>Orders the heap so its root is the neighbour that ranks last.</summary>
    private sealed class WorstFirst : IComparer<Neighbour>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Neighbour? x, Neighbour? y) => -BestFirst(x!.Similarity, x.ItemId, y!);
    }
}
