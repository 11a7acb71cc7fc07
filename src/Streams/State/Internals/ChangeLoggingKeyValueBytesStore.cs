namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Writes every change to the store's changelog (through the task's record collector) after applying
/// it below, so the store can be rebuilt on any instance. Reads pass straight through.
/// </summary>
internal sealed class ChangeLoggingKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore, ITimestampedBytesWriter
{
    private IStateStoreContext? _context;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        inner.Init(context);
    }

    public byte[]? Get(Bytes key) => inner.Get(key);

    public void Put(Bytes key, byte[]? value) => Put(key, value, Context.CurrentTimestamp);

    public void Put(Bytes key, byte[]? value, long timestamp)
    {
        inner.Put(key, value);
        Context.LogChange(Name, key.Span, value, timestamp);
    }

    public void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries)
    {
        inner.PutAll(entries);
        var timestamp = Context.CurrentTimestamp;
        foreach (var (key, value) in entries)
        {
            Context.LogChange(Name, key.Span, value, timestamp);
        }
    }

    public byte[]? Delete(Bytes key)
    {
        var old = inner.Delete(key);
        Context.LogChange(Name, key.Span, null, Context.CurrentTimestamp);
        return old;
    }

    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to) => inner.Range(from, to);

    public IKeyValueIterator<Bytes, byte[]> All() => inner.All();

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) => inner.PrefixScan(prefix);

    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    public void Close() => inner.Close();

    private IStateStoreContext Context =>
        _context ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");
}
