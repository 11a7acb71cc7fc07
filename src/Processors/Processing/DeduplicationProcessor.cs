using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Drops an event whose event_id was already seen within <see cref="ValidationOptions.DedupWindow"/>
/// (producers retry; at-least-once delivery replays). The store maps (user, event_id) → first-seen
/// wall-clock time, keyed by <see cref="DeduplicationKeys"/> so an erase finds a user's ids by prefix;
/// a wall-clock punctuator purges entries older than the window so the store stays bounded by the id
/// rate times the window. Idempotent on replay: a restored store still knows the ids.
/// </summary>
public sealed class DeduplicationProcessor(string storeName, ValidationOptions options, StreamCounters counters) : IProcessor<string, EngagementEvent>
{
    private readonly long _windowMs = (long)options.DedupWindow.TotalMilliseconds;
    private IProcessorContext<string, EngagementEvent>? _context;
    private IKeyValueStore<string, long>? _seen;
    private ICancellable? _purge;

    public void Init(IProcessorContext<string, EngagementEvent> context)
    {
        _context = context;
        _seen = context.GetStateStore<IKeyValueStore<string, long>>(storeName);
        _purge = context.Schedule(options.DedupPurgeInterval, PunctuationType.WallClockTime, Purge);
    }

    public void Process(Record<string, EngagementEvent> record)
    {
        var (context, seen) = (_context!, _seen!);
        var now = context.CurrentSystemTimeMs;
        var id = DeduplicationKeys.For(record.Value.UserId, record.Value.EventId);
        if (seen.TryGet(id, out var seenAt) && now - seenAt < _windowMs)
        {
            counters.DuplicateDropped();
            return;
        }

        seen.Put(id, now);
        context.Forward(record);
    }

    public void Close() => _purge?.Cancel();

    private void Purge(long nowMs)
    {
        var expired = new List<string>();
        using (var all = _seen!.All())
        {
            while (all.MoveNext())
            {
                if (nowMs - all.Current.Value >= _windowMs)
                {
                    expired.Add(all.Current.Key);
                }
            }
        }

        expired.ForEach(id => _seen.Delete(id));
    }
}
