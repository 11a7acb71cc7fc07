using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>Entry of a topic into the graph: deserializes, stamps the record time, forwards to children.</summary>
internal abstract class SourceNode(string name, IReadOnlyList<string> topics, Func<ConsumedRecord, bool>? skipWhen) : ProcessorNode(name, new HashSet<string>())
{
    public IReadOnlyList<string> Topics { get; } = topics;

    /// <summary>Whether the record is left out before it is deserialized (its raw bytes or headers match the source's skip rule).</summary>
    public bool Skips(ConsumedRecord raw) => skipWhen is not null && skipWhen(raw);

    /// <summary>Deserializes and time-stamps; throws on bad bytes or an invalid (negative) timestamp.</summary>
    public abstract StampedRecord Deserialize(ConsumedRecord raw, long partitionTimeMs);
}

internal sealed class SourceNode<TKey, TValue>(
    string name,
    IReadOnlyList<string> topics,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde,
    ITimestampExtractor timestampExtractor,
    Func<ConsumedRecord, bool>? skipWhen = null) : SourceNode(name, topics, skipWhen), IRecordReceiver<TKey, TValue>
{
    private TaskContext? _task;

    public override void Init(TaskContext task) => _task = task;

    public override StampedRecord Deserialize(ConsumedRecord raw, long partitionTimeMs)
    {
        // Null bytes stay null: a null key is allowed, a null value is a tombstone; serdes never see null.
        var key = raw.Key is null ? default! : keySerde.Deserialize(raw.Key, new SerdeContext(raw.Topic, IsKey: true, raw.Headers));
        var value = raw.Value is null ? default! : valueSerde.Deserialize(raw.Value, new SerdeContext(raw.Topic, IsKey: false, raw.Headers));
        var timestamp = timestampExtractor.Extract(raw, key, value, partitionTimeMs);
        if (timestamp < 0)
        {
            throw new SerializationException(
                $"Invalid timestamp {timestamp} extracted by {timestampExtractor.GetType().Name}; timestamps must not be negative.");
        }

        return new StampedRecord<TKey, TValue>(raw, this, new Record<TKey, TValue>(key, value, timestamp, raw.Headers));
    }

    public void Receive(Record<TKey, TValue> record)
    {
        var task = _task ?? throw new InvalidOperationException($"Source '{Name}' received a record before Init.");
        foreach (var child in Children)
        {
            task.Deliver(child, record);
        }
    }
}
