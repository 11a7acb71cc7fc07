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
        aggregate.CoCounts.Set(pair.OtherItemId, aggregate.CoCounts.GetValueOrDefault(pair.OtherItemId).Add(pair.Weight, pair.AtMs, _coHalfLifeMs));
        if (aggregate.CoCounts.Count > _coVisitation.MaxTrackedPerItem)
        {
            // Drop the weakest tenth at once so pruning is amortised over many pairs.
            var keep = _coVisitation.MaxTrackedPerItem * 9 / 10;
            aggregate.CoCounts.RemoveWeakest(aggregate.CoCounts.Count - keep, pair.AtMs, _coHalfLifeMs);
        }
    }

    /// <summary>Top-K neighbours by <see cref="CoVisitationSimilarity"/>, ties broken by item id.</summary>
    /// <param name="countOf">n_j of another item (from the item-stats table); null when unknown.</param>
    public IReadOnlyList<Neighbour> Neighbours(ItemAggregate aggregate, Func<string, double?> countOf, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(countOf);
        return TopNeighbours(aggregate, new CountsOfFunction(countOf, _coVisitation.NeighbourPopularityExponent), nowMs, out _);
    }

    /// <summary>The same neighbours, with n_j read from a task's <see cref="NeighbourCountTable"/> (a publication begun on it).</summary>
    /// <param name="unknownNeighbour">Whether some co-visited item's n_j was unknown (it is then left out).</param>
    public IReadOnlyList<Neighbour> Neighbours(ItemAggregate aggregate, NeighbourCountTable counts, long nowMs, out bool unknownNeighbour)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(counts);
        counts.Number(aggregate.CoCounts);
        return TopNeighbours(aggregate, new CountsOfTable(counts), nowMs, out unknownNeighbour);
    }

    /// <summary>A table of this aggregator's counts for one task's publications (<see cref="NeighbourCountTable"/>).</summary>
    public NeighbourCountTable CountTable(Func<string, DecayedScore?> readHosted, Func<string, double?> readElsewhere) =>
        new(_coVisitation.NeighbourPopularityExponent, _coHalfLifeMs, _coVisitation.DecodedCountCapacity, readHosted, readElsewhere);

    private List<Neighbour> TopNeighbours<TCounts>(ItemAggregate aggregate, TCounts counts, long nowMs, out bool unknownNeighbour)
        where TCounts : struct, INeighbourCounts
    {
        unknownNeighbour = false;
        var ni = aggregate.Count.ValueAt(nowMs, _coHalfLifeMs);
        var topK = _coVisitation.TopK;
        if (topK <= 0)
        {
            return [];
        }

        // n_i^(1-β) is the same for every co-count, and co-counts of one event share their time, so its decay is
        // reused while the time repeats: the same doubles as computing both per co-count.
        var weightI = CoVisitationSimilarity.WeightOfCountI(ni, _coVisitation.NeighbourPopularityExponent);
        var (decayedFrom, decay) = (long.MinValue, 1.0);

        // The K best under a total order (similarity, then id), kept in a heap whose root is the worst kept,
        // then sorted: the same list as sorting every co-count, for a fraction of the comparisons.
        var entries = aggregate.CoCounts.Entries;
        var kept = new PriorityQueue<Neighbour, Neighbour>(Math.Min(topK, entries.Length) + 1, WorstFirst.Instance);
        foreach (ref var entry in entries)
        {
            if (!counts.TryGet(ref entry, out var nj, out var weightJ))
            {
                unknownNeighbour = true;
            }

            var co = entry.Score;
            if (nowMs > co.AtMs && co.AtMs != decayedFrom)
            {
                (decayedFrom, decay) = (co.AtMs, DecayedScore.Decay(nowMs - co.AtMs, _coHalfLifeMs));
            }

            var coNow = nowMs <= co.AtMs ? co.Value : co.Value * decay;
            var similarity = CoVisitationSimilarity.Compute(coNow, ni, weightI, nj, weightJ, _coVisitation.Shrinkage);
            if (similarity <= 0)
            {
                continue;
            }

            if (kept.Count < topK)
            {
                var neighbour = new Neighbour(entry.ItemId, similarity, coNow);
                kept.Enqueue(neighbour, neighbour);
            }
            else if (BestFirst(similarity, entry.ItemId, kept.Peek()) < 0)
            {
                var neighbour = new Neighbour(entry.ItemId, similarity, coNow);
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

    /// <summary>Orders the heap so its root is the neighbour that ranks last.</summary>
    private sealed class WorstFirst : IComparer<Neighbour>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Neighbour? x, Neighbour? y) => -BestFirst(x!.Similarity, x.ItemId, y!);
    }

    /// <summary>n_j and n_j^β of a co-count's other item; false when n_j is unknown (then 0).</summary>
    private interface INeighbourCounts
    {
        bool TryGet(ref CoCounts.Entry entry, out double count, out double weight);
    }

    private readonly struct CountsOfFunction(Func<string, double?> countOf, double beta) : INeighbourCounts
    {
        public bool TryGet(ref CoCounts.Entry entry, out double count, out double weight)
        {
            var read = countOf(entry.ItemId);
            count = read ?? 0;
            weight = CoVisitationSimilarity.WeightOfCountJ(count, beta);
            return read.HasValue;
        }
    }

    private readonly struct CountsOfTable(NeighbourCountTable table) : INeighbourCounts
    {
        public bool TryGet(ref CoCounts.Entry entry, out double count, out double weight) => table.TryGet(ref entry, out count, out weight);
    }
}
