namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Logs every window write to the changelog with the key laid out by <see cref="WindowKeySchema"/>;
/// reads pass straight through.
/// </summary>
internal sealed class ChangeLoggingWindowBytesStore(IWindowBytesStore inner) : IWindowBytesStore
{
    private IStateStoreContext? _context;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    public long WindowSizeMs => inner.WindowSizeMs;

    public long RetentionMs => inner.RetentionMs;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        inner.Init(context);
    }

    public void Put(Bytes key, byte[]? value, long windowStartMs) =>
        Put(key, value, windowStartMs, (_context ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.")).CurrentTimestamp);

    /// <summary>A write with its own record time: the caching layer writes entries down later than they were made.</summary>
    public void Put(Bytes key, byte[]? value, long windowStartMs, long timestamp)
    {
        var context = _context ?? throw new InvalidOperationException($"Store '{Name}' is used before Init.");
        inner.Put(key, value, windowStartMs);
        context.LogChange(Name, WindowKeySchema.ToChangelogKey(key.Span, windowStartMs), value, timestamp);
    }

    public byte[]? Fetch(Bytes key, long windowStartMs) => inner.Fetch(key, windowStartMs);

    public IKeyValueIterator<long, byte[]> Fetch(Bytes key, long timeFromMs, long timeToMs) => inner.Fetch(key, timeFromMs, timeToMs);

    public IKeyValueIterator<Windowed<Bytes>, byte[]> FetchAll(long timeFromMs, long timeToMs) => inner.FetchAll(timeFromMs, timeToMs);

    public IKeyValueIterator<Windowed<Bytes>, byte[]> All() => inner.All();

    public void Flush() => inner.Flush();

    public void Sync() => inner.Sync();

    public void Close() => inner.Close();
}
