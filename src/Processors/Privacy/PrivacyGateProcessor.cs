using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Privacy;

/// <summary>
/// First step for a user's records, ahead of validation so nothing of a dropped record reaches the DLQ:
/// drops the record when the user has not consented to personalisation, or when it is older than the
/// user's erase (its time at or before the erase watermark: an in-flight or replayed event must not
/// resurrect an erased profile). Drops are counted, never dead-lettered. A record without a user id goes
/// on, for validation to reject.
/// </summary>
/// <param name="subject">The record's user id and its time (event time, or when a refresh was asked for).</param>
public sealed class PrivacyGateProcessor<TValue>(
    PrivacyStores stores,
    ConsentPolicy consent,
    UserIdHash hash,
    Func<TValue, (string? UserId, long AtMs)> subject,
    StreamCounters counters) : IProcessor<string, TValue>
{
    private IProcessorContext<string, TValue>? _context;
    private IKeyValueStore<string, ConsentRecord>? _consents;
    private IKeyValueStore<string, long>? _watermarks;

    public void Init(IProcessorContext<string, TValue> context)
    {
        _context = context;
        _consents = context.GetStateStore<IKeyValueStore<string, ConsentRecord>>(stores.Consents);
        _watermarks = context.GetStateStore<IKeyValueStore<string, long>>(stores.EraseWatermarks);
    }

    public void Process(Record<string, TValue> record)
    {
        var (userId, atMs) = subject(record.Value);
        if (string.IsNullOrWhiteSpace(userId))
        {
            _context!.Forward(record);
            return;
        }

        if (!consent.AllowsPersonalisation(_consents!, userId))
        {
            counters.ConsentMissing();
            return;
        }

        if (_watermarks!.TryGet(hash.Of(userId), out var erasedAtMs) && atMs <= erasedAtMs)
        {
            counters.ErasedUserRecord();
            return;
        }

        _context!.Forward(record);
    }

    public void Close()
    {
    }
}
