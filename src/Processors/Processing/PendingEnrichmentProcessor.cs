using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Holds back events whose item is not in the catalog yet (the catalog topic and the event topic race).
/// An event whose item is known goes on to <c>readyChild</c>. Otherwise it is parked in a store keyed by
/// item (at most <see cref="ValidationOptions.PendingPerItemCapacity"/> per item, oldest dead-lettered
/// first). A wall-clock punctuator re-checks the catalog global table every
/// <see cref="ValidationOptions.PendingRetryInterval"/>: events of items that arrived are released in
/// arrival order, and events parked longer than <see cref="ValidationOptions.PendingEnrichmentTtl"/> go
/// to <c>expiredChild</c> (wired to the DLQ) with an <c>x-dlq-reason</c> header. Polling the global table
/// instead of a call from the global thread keeps all store access on the task's own thread.
/// </summary>
public sealed class PendingEnrichmentProcessor(
    string pendingStoreName,
    string catalogStoreName,
    string readyChild,
    string expiredChild,
    ValidationOptions options,
    StreamCounters counters) : IProcessor<string, EngagementEvent>
{
    public const string ReasonMissingItem = "PendingEnrichmentExpired";
    public const string ReasonOverflow = "PendingEnrichmentOverflow";

    private readonly long _ttlMs = (long)options.PendingEnrichmentTtl.TotalMilliseconds;
    private IProcessorContext<string, EngagementEvent>? _context;
    private IKeyValueStore<string, PendingEvents>? _pending;
    private IKeyValueStore<string, CatalogItem>? _catalog;
    private ICancellable? _retry;

    public void Init(IProcessorContext<string, EngagementEvent> context)
    {
        _context = context;
        _pending = context.GetStateStore<IKeyValueStore<string, PendingEvents>>(pendingStoreName);
        _catalog = context.GetStateStore<IKeyValueStore<string, CatalogItem>>(catalogStoreName);
        _retry = context.Schedule(options.PendingRetryInterval, PunctuationType.WallClockTime, Retry);
    }

    public void Process(Record<string, EngagementEvent> record)
    {
        var itemId = record.Value.ItemId;
        if (_catalog!.TryGet(itemId, out _))
        {
            // Release anything parked for this item first so the user's events keep their order.
            Release(itemId);
            _context!.Forward(record, readyChild);
            return;
        }

        var parked = _pending!.TryGet(itemId, out var existing) ? existing.Events.ToList() : [];
        if (parked.Exists(p => p.Event.EventId == record.Value.EventId))
        {
            // A replay after a crash re-delivers events that were parked before it: park each once.
            return;
        }

        parked.Add(new PendingEvent(record.Value, _context!.CurrentSystemTimeMs));
        counters.Held();
        while (parked.Count > options.PendingPerItemCapacity)
        {
            Expire(parked[0], $"{ReasonOverflow}: more than {options.PendingPerItemCapacity} events wait for item {itemId}");
            parked.RemoveAt(0);
        }

        _pending.Put(itemId, new PendingEvents(parked));
    }

    public void Close() => _retry?.Cancel();

    private void Retry(long nowMs)
    {
        var itemIds = new List<string>();
        using (var all = _pending!.All())
        {
            while (all.MoveNext())
            {
                itemIds.Add(all.Current.Key);
            }
        }

        foreach (var itemId in itemIds)
        {
            if (_catalog!.TryGet(itemId, out _))
            {
                Release(itemId);
            }
            else
            {
                ExpireOld(itemId, nowMs);
            }
        }
    }

    private void Release(string itemId)
    {
        if (!_pending!.TryGet(itemId, out var parked))
        {
            return;
        }

        _pending.Delete(itemId);
        foreach (var p in parked.Events)
        {
            _context!.Forward(new Record<string, EngagementEvent>(p.Event.UserId, p.Event, p.Event.OccurredAtMs), readyChild);
        }
    }

    private void ExpireOld(string itemId, long nowMs)
    {
        if (!_pending!.TryGet(itemId, out var parked))
        {
            return;
        }

        var keep = new List<PendingEvent>();
        foreach (var p in parked.Events)
        {
            if (nowMs - p.HeldSinceMs >= _ttlMs)
            {
                Expire(p, $"{ReasonMissingItem}: item {itemId} not in the catalog after {options.PendingEnrichmentTtl.ToString("c", CultureInfo.InvariantCulture)}");
            }
            else
            {
                keep.Add(p);
            }
        }

        if (keep.Count == 0)
        {
            _pending.Delete(itemId);
        }
        else if (keep.Count != parked.Events.Count)
        {
            _pending.Put(itemId, new PendingEvents(keep));
        }
    }

    private void Expire(PendingEvent pending, string reason)
    {
        counters.Expired();
        var headers = new RecordHeaders()
            .Add(DeadLetterHeaders.Reason, reason)
            .Add(DeadLetterHeaders.Stage, "enrichment");
        _context!.Forward(new Record<string, EngagementEvent>(pending.Event.UserId, pending.Event, pending.Event.OccurredAtMs, headers), expiredChild);
    }
}
