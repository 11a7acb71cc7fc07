using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Store names of the by-item subtopology; one window store of panes per configured hopping window, in order.
/// <paramref name="Counts"/> holds each item's decayed count n_i on its own, so computing neighbours reads
/// 16 bytes per other item instead of deserialising that item's whole co-count map.
/// </summary>
public sealed record ItemStores(string Aggregates, string Counts, string DirtyItems, IReadOnlyList<string> PopularityWindows, string ItemStats);

/// <summary>
/// The by-item subtopology. Signals update the item's decayed popularity and count and, per window size, the
/// pane (<see cref="HoppingWindows.PaneMs"/>) holding them while any window holding them is still open at the
/// current stream time (windows past their grace are counted); a window is read as the sum of its panes, so
/// a signal costs one window-store update per size instead of one per overlapping window (12 for 1 h every
/// 5 min, 24 for 24 h every hour);
/// co-visitation pairs update decayed co-counts. Changed items are marked dirty, and a wall-clock
/// punctuator publishes their <see cref="ItemStats"/> (per size, the windows a later read may ask for; top-K neighbours), read
/// back as the item-stats global table. Neighbour counts n_j come from this task's store when j lives
/// here, else from the item-stats table (as of j's last publication) through the instance's read cache, which holds
/// the stats the table processor decoded, so they are not read and decoded again; a publication reads both by item
/// number through the task's <see cref="NeighbourCountTable"/>.
/// </summary>
public sealed class ItemAggregationProcessor(
    ItemStores stores, ItemAggregator aggregator, TimeSpan publishInterval, StreamCounters counters, ItemReadCache readCache)
    : IProcessor<string, ItemUpdate, string, ItemStats>
{
    /// <summary>How long an item is republished while some neighbour's stats are still missing (a neighbour that never publishes must not keep it dirty forever).</summary>
    private const long UnknownNeighbourWaitMs = 5 * 60 * 1000;

    private IProcessorContext<string, ItemStats>? _context;
    private IKeyValueStore<string, ItemAggregate>? _aggregates;
    private IKeyValueStore<string, DecayedScore>? _counts;
    private IKeyValueStore<string, long>? _dirty;
    private IKeyValueStore<string, ItemStats>? _published;
    private List<IWindowStore<string, WindowAggregate>> _windows = [];
    private ICancellable? _punctuator;
    private Func<string, ItemStats?>? _readPublished;
    private NeighbourCountTable? _neighbourCounts;

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
        _readPublished = itemId => _published!.TryGet(itemId, out var stats) ? stats : null;
        _neighbourCounts = aggregator.CountTable(
            itemId => _counts!.TryGet(itemId, out var count) ? count : null,
            itemId => readCache.Stats(itemId, _readPublished)?.DecayedCount);
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
            _neighbourCounts!.CountChanged(update.ItemId, aggregate.Count);
            UpdateWindows(signal);
        }

        foreach (var pair in update.Pairs)
        {
            aggregator.ApplyPair(aggregate, pair);
        }

        _aggregates!.Put(update.ItemId, aggregate);
        _dirty!.Put(update.ItemId, _context!.CurrentSystemTimeMs);
        counters.ItemUpdateApplied();
    }

    public void Close() => _punctuator?.Cancel();

    private void UpdateWindows(ItemSignal signal)
    {
        var weight = ItemAggregator.PopularityWeight(signal);
        var closed = 0;
        for (var i = 0; i < _windows.Count; i++)
        {
            var windows = aggregator.Windows[i];
            var pane = windows.OpenPaneFor(signal.AtMs, _context!.CurrentStreamTimeMs, out var closedHere);
            closed += closedHere;
            if (pane is not { } start)
            {
                continue;
            }

            var store = _windows[i];
            var current = store.TryFetch(signal.ItemId, start, out var existing) ? existing : WindowAggregate.Empty;
            store.Put(signal.ItemId, current.Add(weight, signal.AtMs, ItemAggregator.WindowHalfLifeMs(windows)), start);
        }

        if (closed > 0)
        {
            counters.LateWindowUpdates(closed);
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

        // Dirty items share most neighbours: each n_j is read (and decayed) once per publication.
        _neighbourCounts!.BeginPublication(now);
        foreach (var (itemId, markedAtMs) in items)
        {
            _dirty.Delete(itemId);
            if (!_aggregates!.TryGet(itemId, out var aggregate))
            {
                continue;
            }

            var neighbours = aggregator.Neighbours(aggregate, _neighbourCounts, now, out var unknownNeighbour);
            var stats = aggregator.BuildStats(aggregate, PublishedWindows(itemId, now), neighbours, now);
            _context.Forward(new Record<string, ItemStats>(itemId, stats, now));
            counters.ItemStatsPublishedAfter(wallClockMs - markedAtMs);

            // A neighbour hosted by another task whose stats are not published yet has no count, so it is left
            // out; without a retry the item kept that list until its own next signal (stale for minutes or
            // for good). It stays dirty, keeping its first mark, until every neighbour is counted or the wait ends.
            if (unknownNeighbour && wallClockMs - markedAtMs < UnknownNeighbourWaitMs)
            {
                _dirty.Put(itemId, markedAtMs);
            }
        }
    }

    /// <summary>
    /// Per window size, the windows a later read may ask for: a read at wall-clock time t takes the oldest published
    /// window holding t (GET /trending?window=…). The oldest window open at stream time alone was not enough: it ends
    /// at the next hop, and an item without a new event was not published again, so it left every windowed read
    /// at that hop although its events were minutes old. Every window from that one on holds the panes from its
    /// start on; windows starting within one hop hold the same panes, so one per hop that starts a pane with events
    /// is published (the newest window holding that pane), each the sum of its panes decayed to stream time (all
    /// of them end after it).
    /// </summary>
    private List<WindowedPopularity> PublishedWindows(string itemId, long now)
    {
        var result = new List<WindowedPopularity>(_windows.Count);
        var panes = new List<(long StartMs, double Score, long Events)>();
        for (var i = 0; i < _windows.Count; i++)
        {
            var windows = aggregator.Windows[i];
            var oldest = windows.LatestWindowStart(now);
            var halfLifeMs = ItemAggregator.WindowHalfLifeMs(windows);
            panes.Clear();
            using (var fetched = _windows[i].Fetch(itemId, oldest, windows.LastPaneStart(oldest)))
            {
                while (fetched.MoveNext())
                {
                    panes.Add((fetched.Current.Key, fetched.Current.Value.Score.ValueAt(now, halfLifeMs), fetched.Current.Value.Events));
                }
            }

            // Newest pane first: the window starting at a pane's hop holds that pane and every newer one.
            var (score, events, first) = (0.0, 0L, result.Count);
            for (var p = panes.Count - 1; p >= 0; p--)
            {
                (score, events) = (score + panes[p].Score, events + panes[p].Events);
                var start = windows.NewestWindowStart(panes[p].StartMs);
                if (events > 0 && (p == 0 || windows.NewestWindowStart(panes[p - 1].StartMs) != start))
                {
                    result.Add(new WindowedPopularity(windows.SizeMs, start, score, events));
                }
            }

            result.Reverse(first, result.Count - first);
        }

        return result;
    }
}
