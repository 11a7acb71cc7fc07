using RecoStreams.Streams.Runtime.Nodes;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// The input partitions of a task. Picks the buffered head with the lowest timestamp across partitions
/// (ties go to the partition listed first), so records are processed in approximate event-time order.
/// Unlike Kafka Streams it does not wait (max.task.idle.ms) for empty partitions.
/// </summary>
internal sealed class PartitionGroup(IReadOnlyList<RecordQueue> queues)
{
    private readonly Dictionary<(string Topic, int Partition), RecordQueue> _byPartition =
        queues.ToDictionary(q => q.TopicPartition);

    public IReadOnlyList<RecordQueue> Queues { get; } = queues;

    public int BufferedCount => Queues.Sum(q => q.Count);

    public void Add(ConsumedRecord record)
    {
        if (!_byPartition.TryGetValue((record.Topic, record.Partition), out var queue))
        {
            throw new StreamsException($"Record from {record.Topic}-{record.Partition} is not an input of this task.");
        }

        queue.Add(record);
    }

    public StampedRecord? NextRecord()
    {
        RecordQueue? chosen = null;
        foreach (var queue in Queues)
        {
            if (queue.Head is { } head && (chosen is null || head.Timestamp < chosen.Head!.Timestamp))
            {
                chosen = queue;
            }
        }

        return chosen?.Poll();
    }

    public void Clear()
    {
        foreach (var queue in Queues)
        {
            queue.Clear();
        }
    }
}
