using RecoStreams.Streams.Runtime.Nodes;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// The buffered records of one input partition. Only the head is deserialized (to learn its timestamp),
/// as in Kafka Streams; records that fail to deserialize are handed to <paramref name="onBadRecord"/> and skipped,
/// and records the source skips by their headers are passed over without being deserialized.
/// </summary>
internal sealed class RecordQueue(string topic, int partition, SourceNode source, Action<ConsumedRecord, Exception> onBadRecord)
{
    private readonly Queue<ConsumedRecord> _raw = new();
    private StampedRecord? _head;

    public (string Topic, int Partition) TopicPartition { get; } = (topic, partition);

    /// <summary>Largest timestamp of any record taken from this partition; -1 before the first.</summary>
    public long PartitionTimeMs { get; private set; } = -1;

    /// <summary>Offset of the last record consumed from this partition (processed or skipped).</summary>
    public long? ConsumedOffset { get; private set; }

    public int Count => _raw.Count + (_head is null ? 0 : 1);

    public void Add(ConsumedRecord record) => _raw.Enqueue(record);

    /// <summary>The next record to process, deserializing (and skipping bad records) as needed.</summary>
    public StampedRecord? Head
    {
        get
        {
            while (_head is null && _raw.TryDequeue(out var raw))
            {
                if (source.Skips(raw))
                {
                    ConsumedOffset = raw.Offset;
                    continue;
                }

                try
                {
                    _head = source.Deserialize(raw, PartitionTimeMs);
                }
                catch (Exception ex) when (ex is not StreamsException)
                {
                    ConsumedOffset = raw.Offset;
                    onBadRecord(raw, ex);
                }
            }

            return _head;
        }
    }

    public StampedRecord Poll()
    {
        var head = Head ?? throw new InvalidOperationException($"No record buffered for {topic}-{partition}.");
        _head = null;
        PartitionTimeMs = Math.Max(PartitionTimeMs, head.Timestamp);
        ConsumedOffset = head.Raw.Offset;
        return head;
    }

    public void Clear()
    {
        _raw.Clear();
        _head = null;
    }
}
