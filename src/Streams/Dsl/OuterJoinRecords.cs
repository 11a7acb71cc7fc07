using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// The left records of a left join that have not met a right record yet (Kafka Streams' outer join
/// store). Each is emitted unjoined once stream time passes its window end plus grace, so a record that
/// is matched later within its window never produces a premature null result.
/// </summary>
internal interface IOuterJoinRecords<TKey, TOut>
{
    void Init(IProcessorContext<TKey, TOut> context);

    /// <summary>The left records at <paramref name="leftTimestamp"/> met a right record: they will not be emitted unjoined.</summary>
    void Release(TKey key, long leftTimestamp);

    /// <summary>Emits (and forgets) every held record whose window closed: timestamp + after + grace &lt; stream time.</summary>
    void EmitExpired(long streamTimeMs);

    /// <summary>True while a left record at <paramref name="leftTimestamp"/> may still join (it was not emitted unjoined).</summary>
    bool IsOpen(long leftTimestamp, long streamTimeMs);
}

internal sealed class OuterJoinRecords<TKey, TLeft, TOut>(string storeName, JoinWindows leftWindows, Func<TKey, TLeft, TOut> unmatched)
    : IOuterJoinRecords<TKey, TOut>
{
    private IProcessorContext<TKey, TOut>? _context;
    private IWindowStore<TKey, IReadOnlyList<TLeft>>? _store;

    public void Init(IProcessorContext<TKey, TOut> context)
    {
        _context = context;
        _store = context.GetStateStore<IWindowStore<TKey, IReadOnlyList<TLeft>>>(storeName);
    }

    public void Hold(TKey key, TLeft value, long timestamp)
    {
        var held = _store!.TryFetch(key, timestamp, out var existing) ? [.. existing, value] : new List<TLeft> { value };
        _store.Put(key, held, timestamp);
    }

    public void Release(TKey key, long leftTimestamp) => _store!.Put(key, null!, leftTimestamp);

    public bool IsOpen(long leftTimestamp, long streamTimeMs) => leftTimestamp + leftWindows.AfterMs + leftWindows.GraceMs >= streamTimeMs;

    public void EmitExpired(long streamTimeMs)
    {
        var closedBefore = streamTimeMs - leftWindows.AfterMs - leftWindows.GraceMs - 1;
        if (closedBefore < 0)
        {
            return;
        }

        List<KeyValuePair<Windowed<TKey>, IReadOnlyList<TLeft>>> expired;
        using (var iterator = _store!.FetchAll(0, closedBefore))
        {
            expired = [];
            while (iterator.MoveNext())
            {
                expired.Add(iterator.Current);
            }
        }

        foreach (var (window, values) in expired)
        {
            _store.Put(window.Key, null!, window.StartMs);
            foreach (var value in values)
            {
                _context!.Forward(new Record<TKey, TOut>(window.Key, unmatched(window.Key, value), window.StartMs));
            }
        }
    }
}
