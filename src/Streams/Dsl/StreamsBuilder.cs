using System.Globalization;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// A small DSL over <see cref="Topology"/> (Kafka Streams' StreamsBuilder), limited to what a
/// recommendation topology needs: streams, global tables, stateless operators, re-keying with
/// repartitioning, stream-global-table joins, per-key aggregation and custom processors.
/// Node names follow Kafka Streams ("KSTREAM-FILTER-0000000001").
/// </summary>
public sealed class StreamsBuilder
{
    private int _index;

    public StreamsBuilder()
        : this(new Topology())
    {
    }

    /// <summary>Adds the DSL's nodes to an existing topology, e.g. one partly built with the Processor API.</summary>
    public StreamsBuilder(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
    }

    internal Topology Topology { get; }

    /// <param name="skipWhen">Records that match, by their raw bytes or headers, are passed over before they are deserialized
    /// (their offsets still commit); see <see cref="Topology.AddSource{TKey, TValue}(string, string, ISerde{TKey}, ISerde{TValue}, ITimestampExtractor?, Func{ConsumedRecord, bool}?)"/>.</param>
    public KStream<TKey, TValue> Stream<TKey, TValue>(
        string topic,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        ITimestampExtractor? timestampExtractor = null,
        Func<ConsumedRecord, bool>? skipWhen = null)
    {
        var name = NewName("KSTREAM-SOURCE");
        Topology.AddSource(name, topic, keySerde, valueSerde, timestampExtractor, skipWhen);
        return new KStream<TKey, TValue>(this, name, keySerde, valueSerde, repartitionRequired: false);
    }

    /// <summary>
    /// Reads a compacted topic into a global store on every instance; a null value deletes the key.
    /// <paramref name="storeSupplier"/> defaults to an in-memory store named <paramref name="storeName"/>.
    /// </summary>
    public GlobalKTable<TKey, TValue> GlobalTable<TKey, TValue>(
        string topic,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        string storeName,
        IKeyValueBytesStoreSupplier? storeSupplier = null)
    {
        var store = Stores.KeyValueStoreBuilder(storeSupplier ?? Stores.InMemoryKeyValueStore(storeName), keySerde, valueSerde).WithLoggingDisabled();
        if (store.Name != storeName)
        {
            throw new TopologyException($"global table store supplier is named '{store.Name}', expected '{storeName}'.");
        }

        Topology.AddGlobalStore(
            store,
            NewName("KSTREAM-SOURCE"),
            topic,
            keySerde,
            valueSerde,
            NewName("KTABLE-SOURCE"),
            () => new GlobalTableUpdater<TKey, TValue>(storeName));
        return new GlobalKTable<TKey, TValue>(storeName);
    }

    public Topology Build() => Topology;

    internal string NewName(string prefix) => $"{prefix}-{_index++.ToString("D10", CultureInfo.InvariantCulture)}";

    /// <summary>Applies each global-topic record to the store: upsert, or delete on a tombstone.</summary>
    private sealed class GlobalTableUpdater<TKey, TValue>(string storeName) : IProcessor<TKey, TValue>
    {
        private IKeyValueStore<TKey, TValue>? _store;

        public void Init(IProcessorContext<TKey, TValue> context) => _store = context.GetStateStore<IKeyValueStore<TKey, TValue>>(storeName);

        public void Process(Record<TKey, TValue> record)
        {
            if (record.Key is null)
            {
                return; // A table cannot hold a null key; Kafka Streams drops such records too.
            }

            if (record.Value is null)
            {
                _store!.Delete(record.Key);
            }
            else
            {
                _store!.Put(record.Key, record.Value);
            }
        }

        public void Close()
        {
        }
    }
}

/// <summary>A global table: its store name, for joins and interactive queries.</summary>
public sealed record GlobalKTable<TKey, TValue>(string StoreName);
