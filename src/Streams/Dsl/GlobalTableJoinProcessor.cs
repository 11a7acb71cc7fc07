using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>Looks each record up in a global table and forwards the joined value (or drops it, for inner joins).</summary>
internal sealed class GlobalTableJoinProcessor<TKey, TValue, TTableKey, TTableValue, TResult>(
    string storeName,
    Func<TKey, TValue, TTableKey> keySelector,
    Func<TValue, TTableValue?, bool, (bool Emit, TResult Value)> join) : IProcessor<TKey, TValue, TKey, TResult>
{
    private IProcessorContext<TKey, TResult>? _context;
    private IReadOnlyKeyValueStore<TTableKey, TTableValue>? _table;

    public void Init(IProcessorContext<TKey, TResult> context)
    {
        _context = context;
        _table = context.GetStateStore<IKeyValueStore<TTableKey, TTableValue>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        var tableKey = keySelector(record.Key, record.Value);
        TTableValue? row = default;
        var found = tableKey is not null && _table!.TryGet(tableKey, out row);
        var (emit, value) = join(record.Value, row, found);
        if (emit)
        {
            _context!.Forward(record.WithValue(value));
        }
    }

    public void Close()
    {
    }
}
