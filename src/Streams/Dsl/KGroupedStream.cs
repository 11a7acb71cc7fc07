using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;

namespace RecoStreams.Streams.Dsl;

/// <summary>A stream grouped by its key, ready to aggregate (repartitioned first if the key changed).</summary>
public sealed class KGroupedStream<TKey, TValue>
{
    private readonly StreamsBuilder _builder;
    private readonly KStream<TKey, TValue> _stream;
    private readonly ISerde<TKey>? _keySerde;
    private readonly ISerde<TValue>? _valueSerde;

    internal KGroupedStream(StreamsBuilder builder, KStream<TKey, TValue> stream, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde)
    {
        _builder = builder;
        _stream = stream;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    /// <summary>
    /// Folds the values of each key into the store built by <paramref name="store"/> and emits the updated
    /// aggregate downstream: on every update, or (when the store caches) only the latest per key on commit.
    /// Records with a null key are dropped, as Kafka Streams does.
    /// </summary>
    public KStream<TKey, TAggregate> Aggregate<TAggregate>(
        Func<TAggregate> initializer,
        Func<TKey, TValue, TAggregate, TAggregate> aggregator,
        KeyValueStoreBuilder<TKey, TAggregate> store,
        ISerde<TAggregate>? aggregateSerde = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(store);
        var upstream = _stream.RepartitionRequired
            ? _stream.Repartition(store.Name, _keySerde, _valueSerde)
            : _stream;
        var name = _builder.NewName("KSTREAM-AGGREGATE");
        _builder.Topology.AddProcessor(name, () => new AggregateProcessor<TKey, TValue, TAggregate>(store.Name, initializer, aggregator), upstream.NodeName);
        _builder.Topology.AddStateStore(store, name);
        return new KStream<TKey, TAggregate>(_builder, name, upstream.KeySerde, aggregateSerde, repartitionRequired: false);
    }
}

internal sealed class AggregateProcessor<TKey, TValue, TAggregate>(
    string storeName,
    Func<TAggregate> initializer,
    Func<TKey, TValue, TAggregate, TAggregate> aggregator) : IProcessor<TKey, TValue, TKey, TAggregate>
{
    private IProcessorContext<TKey, TAggregate>? _context;
    private IKeyValueStore<TKey, TAggregate>? _store;
    private bool _emitOnFlush;

    public void Init(IProcessorContext<TKey, TAggregate> context)
    {
        _context = context;
        _store = context.GetStateStore<IKeyValueStore<TKey, TAggregate>>(storeName);
        _emitOnFlush = _store is ICachedStateStore<TKey, TAggregate> cached
            && cached.SetFlushListener(change =>
            {
                if (!change.IsDelete)
                {
                    context.Forward(new Record<TKey, TAggregate>(change.Key, change.NewValue!, change.Timestamp));
                }
            });
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        var current = _store!.TryGet(record.Key, out var existing) ? existing : initializer();
        var updated = aggregator(record.Key, record.Value, current);
        _store.Put(record.Key, updated);
        if (!_emitOnFlush)
        {
            _context!.Forward(record.WithValue(updated));
        }
    }

    public void Close()
    {
    }
}
