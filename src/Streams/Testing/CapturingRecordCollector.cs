using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Testing;

/// <summary>A record as written to a topic by the test driver's collector.</summary>
public sealed record CapturedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, RecordHeaders? Headers, long Timestamp);

/// <summary>
/// The test driver's collector: keeps every record sent, per topic partition, with offsets assigned as a
/// broker would and acknowledged at once. Partitions follow murmur2 of the key like the Kafka collector.
/// </summary>
internal sealed class CapturingRecordCollector(Func<string, int> partitionCountOf) : IRecordCollector
{
    private readonly Dictionary<(string Topic, int Partition), List<CapturedRecord>> _records = [];
    private readonly Dictionary<(string Topic, int Partition), long> _acknowledged = [];

    public IReadOnlyDictionary<(string Topic, int Partition), long> AcknowledgedOffsets => _acknowledged;

    public void Send(string topic, byte[]? key, byte[]? value, RecordHeaders? headers, long timestamp, int? partition)
    {
        var count = partitionCountOf(topic);
        var chosen = partition ?? (key is null ? 0 : Murmur2Partitioner.Partition(key, count));
        if (chosen < 0 || chosen >= count)
        {
            throw new StreamsException($"Partition {chosen} does not exist: topic '{topic}' has {count} partition(s) in the test driver.");
        }

        if (!_records.TryGetValue((topic, chosen), out var log))
        {
            log = [];
            _records[(topic, chosen)] = log;
        }

        var offset = log.Count;
        log.Add(new CapturedRecord(topic, chosen, offset, key, value, headers?.Copy(), timestamp));
        _acknowledged[(topic, chosen)] = offset;
    }

    public void Flush()
    {
    }

    /// <summary>Records of one topic partition from <paramref name="fromOffset"/> on.</summary>
    public IReadOnlyList<CapturedRecord> Read(string topic, int partition, long fromOffset) =>
        _records.TryGetValue((topic, partition), out var log) && fromOffset < log.Count
            ? log.GetRange((int)fromOffset, log.Count - (int)fromOffset)
            : [];

    public IEnumerable<int> PartitionsOf(string topic) =>
        _records.Keys.Where(k => k.Topic == topic).Select(k => k.Partition).Order();
}
