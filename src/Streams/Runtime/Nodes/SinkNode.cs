using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>Exit of the graph: serializes and hands the record to the collector.</summary>
internal interface ISinkNode
{
    string Topic { get; }
}

internal sealed class SinkNode<TKey, TValue>(
    string name,
    string topic,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde,
    IStreamPartitioner<TKey, TValue>? partitioner) : ProcessorNode(name, new HashSet<string>()), IRecordReceiver<TKey, TValue>, ISinkNode
{
    private TaskContext? _task;

    public string Topic { get; } = topic;

    public override void Init(TaskContext task) => _task = task;

    public void Receive(Record<TKey, TValue> record)
    {
        var task = _task ?? throw new InvalidOperationException($"Sink '{Name}' received a record before Init.");
        var key = record.Key is null ? null : keySerde.Serialize(record.Key, new SerdeContext(Topic, IsKey: true, record.Headers));
        var value = record.Value is null ? null : valueSerde.Serialize(record.Value, new SerdeContext(Topic, IsKey: false, record.Headers));
        task.Collector.Send(Topic, key, value, record.Headers, record.Timestamp, ChoosePartition(task, record));
    }

    private int? ChoosePartition(TaskContext task, Record<TKey, TValue> record)
    {
        if (partitioner is null)
        {
            return null;
        }

        var count = task.PartitionCountOf?.Invoke(Topic)
            ?? throw new StreamsException($"Sink '{Name}' has a custom partitioner but the runtime does not know the partition count of '{Topic}'.");
        var partition = partitioner.Partition(Topic, record.Key, record.Value, count);
        if (partition is { } p && (p < 0 || p >= count))
        {
            throw new StreamsException($"The partitioner of sink '{Name}' chose partition {p} of '{Topic}', which has {count} partitions.");
        }

        return partition;
    }
}
