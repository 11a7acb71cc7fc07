using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Store names of the by-item subtopology; one window store per configured hopping window, in order.
/// <paramref name="Counts"/> holds each item's decayed count n_i on its own, so computing neighbours reads
/// 16 bytes per other item instead of deserialising that item's whole co-count map.
/// </summary>
public sealed record ItemStores(string Aggregates, string Counts, string DirtyItems, IReadOnlyList<string> PopularityWindows, string ItemStats);

/// <summary>
/// The by-item subtopology. Signals update the item's decayed popularity and count and every hopping
/// window still open at the current stream time (windows past their grace are skipped and counted);
/// co-visitation pairs update decayed co-counts. Changed items are marked dirty, and a wall-clock
/// punctuator publishes their <see cref="ItemStats"/> (latest window per size, top-K neighbours), read
/// back as the item-stats global table. Neighbour counts n_j come from this task's store when j lives
/// here, else from the item-stats table (as of j's last publication).
/// </summary>
public sealed class ItemAggregationProcessor(ItemStores stores, ItemAggregator aggregator, TimeSpan publishInterval, StreamCounters counters)
    : IProcessor<string, ItemUpdate, string, ItemStats>
{
    private IProcessorContext<string, ItemStats>? _context;
    private IKeyValueStore<string, ItemAggregate>? _aggregates;
    private IKeyValueStore<string, DecayedScore>? _counts;
    /// <summary>How long an item is republished while some neighbour's stats are still missing (a neighbour that never publishes must not keep it dirty forever).</summary>
    private const long UnknownNeighbourWaitMs = 5 * 60 * 1000;

    private IKeyValueStore<string, long>? _dirty;
    private IKeyValueStore<string, ItemStats>? _published;
    private List<IWindowStore<string, WindowAggregate>> _windows = [];
    private ICancellable? _punctuator;

    public void Init(IProcessorContext<string, ItemStats> context)
    {
        if (stores.PopularityWindows.Count != aggregator.Windows.Count)
        {
            throw new ArgumentException($"{aggregator.Windows.Count} hopping windows are configured but {stores.PopularityWindows.Count} window stores named.");
        }

        _context = context;
        _aggregates = context.GetStateStore<IKeyValueStore<string, ItemAggregate>>(stores.Aggregates);
        _counts = context.GetStateStore<IKeyValueStore<string, DecayedScore>>(stores.Counts);
        _dirty = context.GetStateStore<IKeyValueStore<string, long>>(stores.DirtyItems);
        _published = context.GetStateStore<IKeyValueStore<string, ItemStats>>(stores.ItemStats);
        _windows = [.. stores.PopularityWindows.Select(context.GetStateStore<IWindowStore<string, WindowAggregate>>)];
        _punctuator = context.Schedule(publishInterval, PunctuationType.WallClockTime, Publish);
    }

    public void Process(Record<string, ItemUpdate> record)
    {
        var update = record.Value;
        var aggregate = _aggregates!.TryGet(update.ItemId, out var stored) ? stored : new ItemAggregate(update.ItemId);
        if (update.Signal is { } signal)
        {
            aggregator.ApplySignal(aggregate, signal);
            _counts!.Put(update.ItemId, aggregate.Count);
            UpdateWindows(signal);
        }
        else
        {
            aggregator.ApplyPair(aggregate, update.Pair!);
        }

        _aggregates.Put(update.ItemId, aggregate);
        _dirty!.Put(update.ItemId, _context!.CurrentSystemTimeMs);
        counters.ItemUpdateApplied();
    }

    public void Close() => _punctuator?.Cancel();

    private void UpdateWindows(ItemSignal signal)
    {
        var weight = ItemAggregator.PopularityWeight(signal);
        var open = aggregator.OpenWindowsFor(signal.AtMs, _context!.CurrentStreamTimeMs, out var closed);
        if (closed > 0)
        {
            counters.LateWindowUpdates(closed);
        }

        foreach (var (windows, start) in open)
        {
            var store = _windows[IndexOf(windows)];
            var current = store.TryFetch(signal.ItemId, start, out var existing) ? existing : WindowAggregate.Empty;
            store.Put(signal.ItemId, current.Add(weight, signal.AtMs, ItemAggregator.WindowHalfLifeMs(windows)), start);
        }
    }

    private void Publish(long wallClockMs)
    {
        var now = _context!.CurrentStreamTimeMs;
        var items = new List<(string ItemId, long MarkedAtMs)>();
        using (var all = _dirty!.All())
        {
            while (all.MoveNext())
            {
                items.Add((all.Current.Key, all.Current.Value));
            }
        }

        foreach (var (itemId, markedAtMs) in items)
        {
            _dirty.Delete(itemId);
            if (!_aggregates!.TryGet(itemId, out var aggregate))
            {
                continue;
            }

            var unknownNeighbour = false;
            var neighbours = aggregator.Neighbours(aggregate, other => CountOf(other) ?? MarkUnknown(), now);
            var stats = aggregator.BuildStats(aggregate, LatestWindows(itemId, now), neighbours, now);
            _context.Forward(new Record<string, ItemStats>(itemId, stats, now));
            counters.ItemStatsPublishedAfter(wallClockMs - markedAtMs);

            // A neighbour hosted by another task whose stats are not published yet has no count, so it is left
            // out; without a retry the item kept that list until its own next signal (stale for minutes or
            // for good). It stays dirty, keeping its first mark, until every neighbour is counted or the wait ends.
            if (unknownNeighbour && wallClockMs - markedAtMs < UnknownNeighbourWaitMs)
            {
                _dirty.Put(itemId, markedAtMs);
            }

            double? MarkUnknown()
            {
                unknownNeighbour = true;
                return null;
            }
        }

        double? CountOf(string other) =>
            _counts!.TryGet(other, out var local) ? aggregator.CountAt(local, now)
            : _published!.TryGet(other, out var stats) ? stats.DecayedCount
            : null;
    }

    private List<WindowedPopularity> LatestWindows(string itemId, long now)
    {
        var result = new List<WindowedPopularity>(_windows.Count);
        for (var i = 0; i < _windows.Count; i++)
        {
            var windows = aggregator.Windows[i];
            var start = windows.LatestWindowStart(now);
            if (_windows[i].TryFetch(itemId, start, out var window))
            {
                var end = Math.Min(now, start + windows.SizeMs);
                result.Add(new WindowedPopularity(windows.SizeMs, start, window.Score.ValueAt(end, ItemAggregator.WindowHalfLifeMs(windows)), window.Events));
            }
        }

        return result;
    }

    private int IndexOf(HoppingWindows windows)
    {
        for (var i = 0; i < aggregator.Windows.Count; i++)
        {
            if (ReferenceEquals(aggregator.Windows[i], windows))
            {
                return i;
            }
        }

        throw new InvalidOperationException("window definition not owned by this aggregator");
    }
}
