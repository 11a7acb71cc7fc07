namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>A consumed record after deserialization and timestamp extraction, waiting in its partition queue.</summary>
internal abstract class StampedRecord(ConsumedRecord raw, long timestamp)
{
    public ConsumedRecord Raw { get; } = raw;

    public long Timestamp { get; } = timestamp;

    public abstract RecordHeaders? Headers { get; }

    /// <summary>Pushes the record through its source node into the task's graph.</summary>
    public abstract void Process();
}

internal sealed class StampedRecord<TKey, TValue>(ConsumedRecord raw, SourceNode<TKey, TValue> source, Record<TKey, TValue> record)
    : StampedRecord(raw, record.Timestamp)
{
    public override RecordHeaders? Headers => record.Headers;

    public override void Process() => source.Receive(record);
}
