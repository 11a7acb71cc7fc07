using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// Where tasks send serialized output (sink topics, repartition topics, changelogs, the DLQ).
/// The Kafka implementation wraps a producer; the TopologyTestDriver captures records in memory.
/// </summary>
public interface IRecordCollector
{
    /// <summary>
    /// Sends one record. With <paramref name="partition"/> null, the partition is murmur2 of the key
    /// (Java's default partitioner), so co-partitioning holds across Java and .NET producers.
    /// </summary>
    void Send(string topic, byte[]? key, byte[]? value, RecordHeaders? headers, long timestamp, int? partition);

    /// <summary>Blocks until every record sent so far is acknowledged; throws if any failed.</summary>
    void Flush();

    /// <summary>
    /// The offset of the last acknowledged record per (topic, partition) sent through this collector;
    /// changelog offsets for the local checkpoint file come from here.
    /// </summary>
    IReadOnlyDictionary<(string Topic, int Partition), long> AcknowledgedOffsets { get; }
}
