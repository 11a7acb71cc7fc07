using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// A record stream in the DSL. Serdes travel with the stream so sinks and repartition topics need them
/// only where an operator changed a type.
/// </summary>
public sealed class KStream<TKey, TValue>
{
    private readonly StreamsBuilder _builder;

    internal KStream(StreamsBuilder builder, string nodeName, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde, bool repartitionRequired)
    {
        _builder = builder;
        NodeName = nodeName;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        RepartitionRequired = repartitionRequired;
    }

    /// <summary>The topology node that produces this stream.</summary>
    public string NodeName { get; }

    internal ISerde<TKey>? KeySerde { get; }

    internal ISerde<TValue>? ValueSerde { get; }

    /// <summary>True after the key changed: a grouping must repartition first so each key lands on one task.</summary>
    internal bool RepartitionRequired { get; }

    public KStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Then("KSTREAM-FILTER", (r, c) =>
        {
            if (predicate(r.Key, r.Value))
            {
                c.Forward(r);
            }
        }, KeySerde, ValueSerde, RepartitionRequired);
    }

    public KStream<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, ISerde<TNewValue>? valueSerde = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TKey, TNewValue>("KSTREAM-MAPVALUES", (r, c) => c.Forward(r.WithValue(mapper(r.Key, r.Value))), KeySerde, valueSerde, RepartitionRequired);
    }

    /// <summary>Changes the key; a later GroupByKey repartitions by the new key.</summary>
    public KStream<TNewKey, TValue> SelectKey<TNewKey>(Func<TKey, TValue, TNewKey> keySelector, ISerde<TNewKey>? keySerde = null)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return Then<TNewKey, TValue>("KSTREAM-KEY-SELECT", (r, c) => c.Forward(r.WithKey(keySelector(r.Key, r.Value))), keySerde, ValueSerde, repartitionRequired: true);
    }

    /// <summary>
    /// Writes the stream through the internal topic "{applicationId}-{name}-repartition" and reads it back,
    /// so records with equal keys meet in one task downstream.
    /// </summary>
    public KStream<TKey, TValue> Repartition(string name, ISerde<TKey>? keySerde = null, ISerde<TValue>? valueSerde = null)
    {
        var keys = keySerde ?? KeySerde ?? throw new TopologyException($"repartition '{name}' needs a key serde (the key type changed upstream).");
        var values = valueSerde ?? ValueSerde ?? throw new TopologyException($"repartition '{name}' needs a value serde (the value type changed upstream).");
        var topic = _builder.Topology.AddRepartitionTopic(name);
        var sinkName = _builder.NewName("KSTREAM-SINK");
        _builder.Topology.AddSink(sinkName, topic, keys, values, NodeName);
        var sourceName = _builder.NewName("KSTREAM-SOURCE");
        _builder.Topology.AddSource(sourceName, topic, keys, values);
        return new KStream<TKey, TValue>(_builder, sourceName, keys, values, repartitionRequired: false);
    }

    /// <summary>Adds a custom processor with access to the named stores (added with Topology or Aggregate).</summary>
    public KStream<TKeyOut, TValueOut> Process<TKeyOut, TValueOut>(
        Func<IProcessor<TKey, TValue, TKeyOut, TValueOut>> processorSupplier,
        IReadOnlyList<State.Builders.IStoreBuilder>? stores = null,
        ISerde<TKeyOut>? keySerde = null,
        ISerde<TValueOut>? valueSerde = null)
    {
        var name = _builder.NewName("KSTREAM-PROCESSOR");
        _builder.Topology.AddProcessor(name, processorSupplier, NodeName);
        foreach (var store in stores ?? [])
        {
            _builder.Topology.AddStateStore(store, name);
        }

        return new KStream<TKeyOut, TValueOut>(_builder, name, keySerde, valueSerde, repartitionRequired: true);
    }

    /// <summary>
    /// Joins each record with the global table row at <paramref name="keySelector"/>(record). Inner join:
    /// records without a matching row are dropped; use <see cref="LeftJoin{TTableKey, TTableValue, TResult}"/> to keep them.
    /// </summary>
    public KStream<TKey, TResult> Join<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table,
        Func<TKey, TValue, TTableKey> keySelector,
        Func<TValue, TTableValue, TResult> joiner,
        ISerde<TResult>? valueSerde = null) =>
        JoinGlobal(table, keySelector, (value, row, found) => found ? (true, joiner(value, row!)) : (false, default!), "KSTREAM-JOIN", valueSerde);

    /// <summary>Like Join, but a record without a matching row is joined with default(TTableValue).</summary>
    public KStream<TKey, TResult> LeftJoin<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table,
        Func<TKey, TValue, TTableKey> keySelector,
        Func<TValue, TTableValue?, TResult> joiner,
        ISerde<TResult>? valueSerde = null) =>
        JoinGlobal(table, keySelector, (value, row, found) => (true, joiner(value, found ? row : default)), "KSTREAM-LEFTJOIN", valueSerde);

    /// <summary>
    /// Windowed inner join with another stream (Kafka Streams' KStream.join with JoinWindows): each pair of
    /// records with equal keys whose timestamps lie within <paramref name="windows"/> produces one result.
    /// Either side whose key changed is repartitioned first, so equal keys meet in one task.
    /// </summary>
    public KStream<TKey, TResult> Join<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other,
        Func<TValue, TOtherValue, TResult> joiner,
        JoinWindows windows,
        StreamJoined<TKey, TValue, TOtherValue> joined,
        ISerde<TResult>? resultSerde = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamJoin(other, (_, value, otherValue) => joiner(value, otherValue), unmatched: null, windows, joined, resultSerde, "KSTREAM-JOIN");
    }

    /// <summary>
    /// Windowed left join: like <see cref="Join{TOtherValue, TResult}"/>, and a record of this stream that met no
    /// partner is joined with default(TOtherValue) once its window (plus grace) has closed in stream time, or at
    /// once when it arrives too late to be held. Every record of this stream thus produces at least one result.
    /// </summary>
    public KStream<TKey, TResult> LeftJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other,
        Func<TValue, TOtherValue?, TResult> joiner,
        JoinWindows windows,
        StreamJoined<TKey, TValue, TOtherValue> joined,
        ISerde<TResult>? resultSerde = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamJoin(other, (_, value, otherValue) => joiner(value, otherValue), (_, value) => joiner(value, default), windows, joined, resultSerde, "KSTREAM-LEFTJOIN");
    }

    /// <summary>Both streams' records, as one stream (Kafka Streams' merge).</summary>
    public KStream<TKey, TValue> Merge(KStream<TKey, TValue> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var name = _builder.NewName("KSTREAM-MERGE");
        _builder.Topology.AddProcessor(name, () => new DelegateProcessor<TKey, TValue, TKey, TValue>((r, c) => c.Forward(r)), NodeName, other.NodeName);
        return new KStream<TKey, TValue>(_builder, name, KeySerde ?? other.KeySerde, ValueSerde ?? other.ValueSerde, RepartitionRequired || other.RepartitionRequired);
    }

    public KGroupedStream<TKey, TValue> GroupByKey(ISerde<TKey>? keySerde = null, ISerde<TValue>? valueSerde = null) =>
        new(_builder, this, keySerde ?? KeySerde, valueSerde ?? ValueSerde);

    public void To(string topic, ISerde<TKey>? keySerde = null, ISerde<TValue>? valueSerde = null)
    {
        _builder.Topology.AddSink(
            _builder.NewName("KSTREAM-SINK"),
            topic,
            keySerde ?? KeySerde ?? throw new TopologyException($"sink to '{topic}' needs a key serde (the key type changed upstream)."),
            valueSerde ?? ValueSerde ?? throw new TopologyException($"sink to '{topic}' needs a value serde (the value type changed upstream)."),
            NodeName);
    }

    private KStream<TKey, TResult> JoinGlobal<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table,
        Func<TKey, TValue, TTableKey> keySelector,
        Func<TValue, TTableValue?, bool, (bool Emit, TResult Value)> join,
        string prefix,
        ISerde<TResult>? valueSerde)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keySelector);
        var name = _builder.NewName(prefix);
        _builder.Topology.AddProcessor(name, () => new GlobalTableJoinProcessor<TKey, TValue, TTableKey, TTableValue, TResult>(table.StoreName, keySelector, join), NodeName);
        return new KStream<TKey, TResult>(_builder, name, KeySerde, valueSerde, RepartitionRequired);
    }

    private KStream<TKey, TResult> StreamJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other,
        Func<TKey, TValue, TOtherValue, TResult> joiner,
        Func<TKey, TValue, TResult>? unmatched,
        JoinWindows windows,
        StreamJoined<TKey, TValue, TOtherValue> joined,
        ISerde<TResult>? resultSerde,
        string prefix)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(joined);
        var keys = joined.KeySerde ?? KeySerde ?? other.KeySerde
            ?? throw new TopologyException($"join '{joined.Name}' needs a key serde (the key type changed upstream).");
        var values = joined.ValueSerde ?? ValueSerde
            ?? throw new TopologyException($"join '{joined.Name}' needs this stream's value serde.");
        var otherValues = joined.OtherValueSerde ?? other.ValueSerde
            ?? throw new TopologyException($"join '{joined.Name}' needs the other stream's value serde.");
        var left = RepartitionRequired ? Repartition($"{joined.Name}-left", keys, values) : this;
        var right = other.RepartitionRequired ? other.Repartition($"{joined.Name}-right", keys, otherValues) : other;

        var retention = TimeSpan.FromMilliseconds(windows.RetentionMs);
        var size = TimeSpan.FromMilliseconds(Math.Max(1, windows.BeforeMs + windows.AfterMs));
        var thisStore = Stores.WindowStoreBuilder(joined.StoreSupplier(joined.ThisStoreName, retention, size), keys, new ValueListSerde<TValue>(values));
        var otherStore = Stores.WindowStoreBuilder(joined.StoreSupplier(joined.OtherStoreName, retention, size), keys, new ValueListSerde<TOtherValue>(otherValues));
        var outerStore = unmatched is null
            ? null
            : Stores.WindowStoreBuilder(joined.StoreSupplier(joined.OuterStoreName, retention, size), keys, new ValueListSerde<TValue>(values));

        var thisName = _builder.NewName(prefix + "-THIS");
        var otherName = _builder.NewName(prefix + "-OTHER");
        _builder.Topology.AddProcessor(
            thisName,
            () => new StreamStreamJoinProcessor<TKey, TValue, TOtherValue, TResult>(
                thisStore.Name,
                otherStore.Name,
                windows,
                joiner,
                unmatched is null ? JoinRole.Inner : JoinRole.OuterLeft,
                unmatched is null ? null : new OuterJoinRecords<TKey, TValue, TResult>(outerStore!.Name, windows, unmatched),
                unmatched),
            left.NodeName);
        _builder.Topology.AddProcessor(
            otherName,
            () => new StreamStreamJoinProcessor<TKey, TOtherValue, TValue, TResult>(
                otherStore.Name,
                thisStore.Name,
                windows.Reversed,
                (key, otherValue, value) => joiner(key, value, otherValue),
                unmatched is null ? JoinRole.Inner : JoinRole.OuterRight,
                unmatched is null ? null : new OuterJoinRecords<TKey, TValue, TResult>(outerStore!.Name, windows, unmatched),
                unmatched: null),
            right.NodeName);
        _builder.Topology.AddStateStore(thisStore, thisName, otherName);
        _builder.Topology.AddStateStore(otherStore, thisName, otherName);
        if (outerStore is not null)
        {
            _builder.Topology.AddStateStore(outerStore, thisName, otherName);
        }

        var mergeName = _builder.NewName(prefix + "-MERGE");
        _builder.Topology.AddProcessor(mergeName, () => new DelegateProcessor<TKey, TResult, TKey, TResult>((r, c) => c.Forward(r)), thisName, otherName);
        return new KStream<TKey, TResult>(_builder, mergeName, keys, resultSerde, repartitionRequired: false);
    }

    private KStream<TKeyOut, TValueOut> Then<TKeyOut, TValueOut>(
        string prefix,
        Action<Record<TKey, TValue>, IProcessorContext<TKeyOut, TValueOut>> process,
        ISerde<TKeyOut>? keySerde,
        ISerde<TValueOut>? valueSerde,
        bool repartitionRequired)
    {
        var name = _builder.NewName(prefix);
        _builder.Topology.AddProcessor(name, () => new DelegateProcessor<TKey, TValue, TKeyOut, TValueOut>(process), NodeName);
        return new KStream<TKeyOut, TValueOut>(_builder, name, keySerde, valueSerde, repartitionRequired);
    }
}
