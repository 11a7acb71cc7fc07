using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;

namespace RecoStreams.Streams.Tests.Support;

/// <summary>
/// An in-memory store that claims to be persistent, so the runtime checkpoints it as it would RocksDB.
/// Lets checkpoint tests run without the native library; counts the syncs the runtime asks for.
/// </summary>
internal sealed class PersistentTestStore(string name) : IKeyValueBytesStore
{
    private readonly InMemoryKeyValueBytesStore _inner = new(name);

    public string Name => _inner.Name;

    public bool Persistent => true;

    public bool IsOpen => _inner.IsOpen;

    public long ApproximateNumEntries => _inner.ApproximateNumEntries;

    public void Init(IStateStoreContext context) => _inner.Init(context);

    public byte[]? Get(Bytes key) => _inner.Get(key);

    public void Put(Bytes key, byte[]? value) => _inner.Put(key, value);

    public void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries) => _inner.PutAll(entries);

    public byte[]? Delete(Bytes key) => _inner.Delete(key);

    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to) => _inner.Range(from, to);

    public IKeyValueIterator<Bytes, byte[]> All() => _inner.All();

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) => _inner.PrefixScan(prefix);

    public void Flush() => _inner.Flush();

    public int Syncs { get; private set; }

    /// <summary>When set, a sync waits until it is set (to hold a background checkpoint midway).</summary>
    public ManualResetEventSlim? SyncGate { get; set; }

    public void Sync()
    {
        SyncGate?.Wait(TimeSpan.FromSeconds(30));
        Syncs++;
    }

    public void Close() => _inner.Close();
}

internal sealed class PersistentTestStoreSupplier(string name) : IKeyValueBytesStoreSupplier
{
    public string Name => name;

    /// <summary>Every store this supplier made, oldest first.</summary>
    public List<PersistentTestStore> Created { get; } = [];

    public IKeyValueBytesStore Get()
    {
        var store = new PersistentTestStore(name);
        Created.Add(store);
        return store;
    }
}
