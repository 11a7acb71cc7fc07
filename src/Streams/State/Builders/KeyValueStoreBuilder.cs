using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State.Caching;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.Builders;

/// <summary>
/// Builds typed key-value stores: serdes -> (in-memory mirror) -> (record cache or commit-deferred writes) ->
/// (changelog) -> byte store. Logging is on by default with a compacted changelog; caching is off unless asked for.
/// </summary>
public sealed class KeyValueStoreBuilder<TKey, TValue> : IStoreBuilder<IKeyValueStore<TKey, TValue>>
{
    private readonly IKeyValueBytesStoreSupplier _supplier;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;
    private Dictionary<string, string> _extraLogConfig = [];

    public KeyValueStoreBuilder(IKeyValueBytesStoreSupplier supplier, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _supplier = supplier ?? throw new ArgumentNullException(nameof(supplier));
        _keySerde = keySerde ?? throw new ArgumentNullException(nameof(keySerde));
        _valueSerde = valueSerde ?? throw new ArgumentNullException(nameof(valueSerde));
    }

    public string Name => _supplier.Name;

    public bool LoggingEnabled { get; private set; } = true;

    public bool CachingEnabled { get; private set; }

    public bool WritesDeferredToCommit { get; private set; }

    public bool ContentsMirroredInMemory { get; private set; }

    /// <summary>How many decoded values the task's thread keeps (0: none); see <see cref="WithDecodedValuesKept"/>.</summary>
    public int DecodedValueCapacity { get; private set; }

    public bool DecodedValuesEncodedOnFlush { get; private set; }

    public IReadOnlyDictionary<string, string> ChangelogConfig =>
        LoggingEnabled
            ? new Dictionary<string, string>(_extraLogConfig) { ["cleanup.policy"] = "compact" }
            : new Dictionary<string, string>();

    public KeyValueStoreBuilder<TKey, TValue> WithCachingEnabled()
    {
        CachingEnabled = true;
        return this;
    }

    public KeyValueStoreBuilder<TKey, TValue> WithCachingDisabled()
    {
        CachingEnabled = false;
        return this;
    }

    /// <summary>
    /// Writes reach the store and its changelog only in the task's commit, after every other store is
    /// flushed and the task's output acknowledged. For stores whose entries record progress (applied event
    /// ids, dirty marks, parked work, the last emitted value): such an entry suppresses work on replay, so
    /// it must never be durable before the effect it stands for. Replaces caching for this store.
    /// </summary>
    public KeyValueStoreBuilder<TKey, TValue> WithWritesDeferredToCommit()
    {
        WritesDeferredToCommit = true;
        return this;
    }

    /// <summary>
    /// Keeps the store's whole contents in memory as well, so gets and scans never reach the store below. For
    /// small stores scanned whole and often, such as progress marks that are removed when their work is done:
    /// in RocksDB those scans step over the tombstone of every mark removed since the last compaction. Memory
    /// is the live contents, so only for stores whose contents stay small.
    /// </summary>
    public KeyValueStoreBuilder<TKey, TValue> WithContentsMirroredInMemory()
    {
        ContentsMirroredInMemory = true;
        return this;
    }

    /// <summary>
    /// Keeps up to <paramref name="capacity"/> decoded values for the task's thread, for a processor that reads,
    /// changes and writes one key per record: it then decodes a value once rather than on every record. Writes
    /// still reach the layers below at once, unless <paramref name="encodeOnFlush"/>: then a value is encoded
    /// only at flush (before the commit), when the table is full or before a scan, which is for stores that no
    /// other thread reads (interactive queries would see the value of the last flush).
    /// </summary>
    public KeyValueStoreBuilder<TKey, TValue> WithDecodedValuesKept(int capacity, bool encodeOnFlush = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        DecodedValueCapacity = capacity;
        DecodedValuesEncodedOnFlush = encodeOnFlush;
        return this;
    }

    /// <param name="topicConfig">Extra changelog topic configs; cleanup.policy stays compact.</param>
    public KeyValueStoreBuilder<TKey, TValue> WithLoggingEnabled(IReadOnlyDictionary<string, string>? topicConfig = null)
    {
        LoggingEnabled = true;
        _extraLogConfig = topicConfig is null ? [] : new Dictionary<string, string>(topicConfig);
        return this;
    }

    public KeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled()
    {
        LoggingEnabled = false;
        return this;
    }

    public IKeyValueStore<TKey, TValue> Build()
    {
        var store = _supplier.Get();
        if (store.Name != Name)
        {
            throw new InvalidOperationException($"Supplier '{Name}' returned a store named '{store.Name}'.");
        }

        if (LoggingEnabled)
        {
            store = new ChangeLoggingKeyValueBytesStore(store);
        }

        if (WritesDeferredToCommit)
        {
            store = new CommitDeferredKeyValueBytesStore(store);
        }
        else if (CachingEnabled)
        {
            store = new CachingKeyValueBytesStore(store);
        }

        if (ContentsMirroredInMemory)
        {
            store = new InMemoryMirroredKeyValueBytesStore(store);
        }

        var typed = new SerdeKeyValueStore<TKey, TValue>(store, _keySerde, _valueSerde);
        return DecodedValueCapacity > 0
            ? new DecodedValueKeyValueStore<TKey, TValue>(typed, DecodedValueCapacity, DecodedValuesEncodedOnFlush)
            : typed;
    }

    IStateStore IStoreBuilder.Build() => Build();
}
