using RecoStreams.Processors.Options;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Privacy;

/// <summary>Where <see cref="UserErasureProcessor"/> sends what an erase produces.</summary>
/// <param name="Audit">The audit event, keyed by the user-id hash.</param>
/// <param name="ListTombstone">Keyed by user id: becomes the recommendation-updated tombstone.</param>
/// <param name="ConsentTombstone">Keyed by user id: becomes the consents tombstone (on an erase request only).</param>
public sealed record ErasureChildren(string Audit, string ListTombstone, string ConsentTombstone);

/// <summary>
/// Removes users' personal data in the task that owns their partition. An <see cref="EraseRequest"/> (on a
/// topic co-partitioned with the events, so it reaches this task whichever instance took the HTTP call)
/// deletes the user from every user-keyed store (<see cref="UserDataEraser"/>), records an erase watermark
/// under the user-id hash (the gate drops the user's records not newer than it, so in-flight and replayed
/// events do not resurrect the profile), and emits the audit event, a recommendation-updated tombstone and,
/// for an erase request, a consents tombstone. A wall-clock punctuator removes users inactive longer than
/// <see cref="PrivacyOptions.InactiveUserRetention"/> the same way, and forgets watermarks older than
/// <see cref="PrivacyOptions.EraseWatermarkRetention"/>.
/// </summary>
public sealed class UserErasureProcessor(
    PrivacyStores stores, PrivacyOptions options, UserIdHash hash, ErasureChildren children, StreamCounters counters)
    : IProcessor<string, EraseRequest, string, UserErasure>
{
    private readonly long _inactiveMs = (long)options.InactiveUserRetention.TotalMilliseconds;
    private readonly long _watermarkMs = (long)options.EraseWatermarkRetention.TotalMilliseconds;
    private IProcessorContext<string, UserErasure>? _context;
    private UserDataEraser? _eraser;
    private IKeyValueStore<string, long>? _watermarks;
    private ICancellable? _sweep;

    public void Init(IProcessorContext<string, UserErasure> context)
    {
        _context = context;
        _eraser = UserDataEraser.Open(context, stores);
        _watermarks = context.GetStateStore<IKeyValueStore<string, long>>(stores.EraseWatermarks);
        _sweep = context.Schedule(options.RetentionSweepInterval, PunctuationType.WallClockTime, Sweep);
    }

    public void Process(Record<string, EraseRequest> record)
    {
        var request = record.Value;
        if (request is null || string.IsNullOrWhiteSpace(request.UserId))
        {
            return;
        }

        var userHash = hash.Of(request.UserId);
        var erasedAt = _watermarks!.TryGet(userHash, out var earlier) ? Math.Max(earlier, request.RequestedAtMs) : request.RequestedAtMs;
        _watermarks.Put(userHash, erasedAt);
        Erase(request.UserId, userHash, request.Reason, request.RequestedAtMs);
    }

    public void Close() => _sweep?.Cancel();

    private void Sweep(long nowMs)
    {
        foreach (var (userId, lastEngagementMs) in _eraser!.LastEngagements())
        {
            if (nowMs - lastEngagementMs > _inactiveMs)
            {
                Erase(userId, hash.Of(userId), ErasureReason.Retention, nowMs);
            }
        }

        var expired = new List<string>();
        using (var all = _watermarks!.All())
        {
            while (all.MoveNext())
            {
                if (nowMs - all.Current.Value > _watermarkMs)
                {
                    expired.Add(all.Current.Key);
                }
            }
        }

        expired.ForEach(k => _watermarks.Delete(k));
    }

    private void Erase(string userId, string userHash, ErasureReason reason, long requestedAtMs)
    {
        var context = _context!;
        var nowMs = context.CurrentSystemTimeMs;
        var erasure = new UserErasure(userHash, reason, requestedAtMs, nowMs, _eraser!.Erase(userId));
        context.Forward(new Record<string, UserErasure>(userHash, erasure, nowMs), children.Audit);
        context.Forward(new Record<string, UserErasure>(userId, erasure, nowMs), children.ListTombstone);
        if (reason == ErasureReason.Request)
        {
            context.Forward(new Record<string, UserErasure>(userId, erasure, nowMs), children.ConsentTombstone);
        }

        counters.UserErased();
    }
}
