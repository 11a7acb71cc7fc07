using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// One side of a windowed stream-stream join (Kafka Streams' KStreamKStreamJoin): remembers each record
/// in this side's window store, and joins it with the other side's records of the same key whose
/// timestamps lie within <see cref="JoinWindows"/> (seen from this side). A joined record carries the
/// later of the two timestamps.
/// </summary>
/// <remarks>
/// In a left join the left side holds records that found no partner in the outer store and the right
/// side releases them when it matches; both emit held records whose window has closed. A record older
/// than stream time minus the whole window and grace is late: in a left join a late left record is
/// joined with what the other store still has or else emitted unjoined at once, never dropped; other
/// late records are skipped, as Kafka Streams skips them.
/// </remarks>
internal sealed class StreamStreamJoinProcessor<TKey, TThis, TOther, TOut>(
    string thisStoreName,
    string otherStoreName,
    JoinWindows windows,
    Func<TKey, TThis, TOther, TOut> joiner,
    JoinRole role,
    IOuterJoinRecords<TKey, TOut>? outer,
    Func<TKey, TThis, TOut>? unmatched) : IProcessor<TKey, TThis, TKey, TOut>
{
    private IProcessorContext<TKey, TOut>? _context;
    private IWindowStore<TKey, IReadOnlyList<TThis>>? _thisStore;
    private IWindowStore<TKey, IReadOnlyList<TOther>>? _otherStore;

    public void Init(IProcessorContext<TKey, TOut> context)
    {
        _context = context;
        _thisStore = context.GetStateStore<IWindowStore<TKey, IReadOnlyList<TThis>>>(thisStoreName);
        _otherStore = context.GetStateStore<IWindowStore<TKey, IReadOnlyList<TOther>>>(otherStoreName);
        outer?.Init(context);
    }

    public void Process(Record<TKey, TThis> record)
    {
        var streamTime = _context!.CurrentStreamTimeMs;
        outer?.EmitExpired(streamTime);
        if (record.Key is null || record.Value is null)
        {
            // No key, nothing to join on (Kafka Streams skips these too); a left join still emits a keyed left record without a value.
            return;
        }

        var late = record.Timestamp < streamTime - windows.RetentionMs;
        if (late && role != JoinRole.OuterLeft)
        {
            return;
        }

        var matched = Join(record, streamTime);
        if (late)
        {
            if (!matched)
            {
                _context.Forward(record.WithValue(unmatched!(record.Key, record.Value)));
            }

            return;
        }

        var atTimestamp = _thisStore!.TryFetch(record.Key, record.Timestamp, out var existing) ? [.. existing, record.Value] : new List<TThis> { record.Value };
        _thisStore.Put(record.Key, atTimestamp, record.Timestamp);
        if (!matched && role == JoinRole.OuterLeft)
        {
            ((OuterJoinRecords<TKey, TThis, TOut>)outer!).Hold(record.Key, record.Value, record.Timestamp);
        }
    }

    public void Close()
    {
    }

    private bool Join(Record<TKey, TThis> record, long streamTime)
    {
        var matches = new List<(long Timestamp, IReadOnlyList<TOther> Values)>();
        using (var iterator = _otherStore!.Fetch(record.Key, record.Timestamp - windows.BeforeMs, record.Timestamp + windows.AfterMs))
        {
            while (iterator.MoveNext())
            {
                var (timestamp, values) = iterator.Current;

                // The right side of a left join must not join a left record that was already emitted unjoined.
                if (role == JoinRole.OuterRight && !outer!.IsOpen(timestamp, streamTime))
                {
                    continue;
                }

                matches.Add((timestamp, values));
            }
        }

        foreach (var (timestamp, values) in matches)
        {
            if (role == JoinRole.OuterRight)
            {
                outer!.Release(record.Key, timestamp);
            }

            foreach (var other in values)
            {
                _context!.Forward(new Record<TKey, TOut>(record.Key, joiner(record.Key, record.Value, other), Math.Max(record.Timestamp, timestamp), record.Headers));
            }
        }

        return matches.Count > 0;
    }
}

/// <summary>Which side of which join a <see cref="StreamStreamJoinProcessor{TKey, TThis, TOther, TOut}"/> is.</summary>
internal enum JoinRole
{
    Inner,
    OuterLeft,
    OuterRight,
}
