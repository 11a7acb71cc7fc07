using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Testing;

/// <summary>A record as written to a topic by the test driver's collector.</summary>
public sealed record CapturedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, RecordHeaders? Headers, long Timestamp);

/// <summary>
/// The test driver's collector: assigns offsets per topic partition as a broker would and acknowledges at
/// once. Partitions follow murmur2 of the key like the Kafka collector. It keeps the records of the topics
/// <paramref name="captures"/> accepts until they are released (read), so a long replay holds only what is
/// still unread, not every record of every topic.
/// </summary>
internal sealed class CapturingRecordCollector(Func<string, int> partitionCountOf, Func<string, bool>? captures = null) : IRecordCollector
{
    private readonly Dictionary<(string Topic, int Partition), PartitionLog> _logs = [];
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

        if (!_logs.TryGetValue((topic, chosen), out var log))
        {
            log = new PartitionLog(captures?.Invoke(topic) ?? true);
            _logs[(topic, chosen)] = log;
        }

        var offset = log.End;
        log.Append(log.Keeps ? new CapturedRecord(topic, chosen, offset, key, value, headers?.Copy(), timestamp) : null);
        _acknowledged[(topic, chosen)] = offset;
    }

    public void Flush()
    {
    }

    /// <summary>Whether records of <paramref name="topic"/> are kept until read.</summary>
    public bool Captures(string topic) => captures?.Invoke(topic) ?? true;

    /// <summary>Kept records of one topic partition from <paramref name="fromOffset"/> on.</summary>
    public IReadOnlyList<CapturedRecord> Read(string topic, int partition, long fromOffset) =>
        _logs.TryGetValue((topic, partition), out var log) ? log.From(fromOffset) : [];

    /// <summary>The record at <paramref name="offset"/>, or null when none is kept there.</summary>
    public CapturedRecord? At(string topic, int partition, long offset) =>
        _logs.TryGetValue((topic, partition), out var log) ? log.At(offset) : null;

    /// <summary>Number of kept records at or after <paramref name="fromOffset"/>.</summary>
    public long CountFrom(string topic, int partition, long fromOffset) =>
        _logs.TryGetValue((topic, partition), out var log) ? log.CountFrom(fromOffset) : 0;

    /// <summary>Forgets the records before <paramref name="offset"/>: every reader has consumed them.</summary>
    public void Release(string topic, int partition, long offset)
    {
        if (_logs.TryGetValue((topic, partition), out var log))
        {
            log.Release(offset);
        }
    }

    /// <summary>
    /// One partition: offsets up to <see cref="End"/>, and the records from <see cref="_start"/> on when it keeps
    /// them. Released records leave the list in bulk, so reading a backlog one record at a time stays linear.
    /// </summary>
    private sealed class PartitionLog(bool keeps)
    {
        private readonly List<CapturedRecord> _records = [];
        private int _head;
        private long _start;

        public bool Keeps => keeps;

        public long End => _start + _records.Count - _head;

        /// <param name="record">The record to keep; null when the log keeps none.</param>
        public void Append(CapturedRecord? record)
        {
            if (record is null)
            {
                _start++;
                return;
            }

            _records.Add(record);
        }

        public IReadOnlyList<CapturedRecord> From(long offset)
        {
            var index = _head + (int)Math.Max(0, offset - _start);
            return index < _records.Count ? _records.GetRange(index, _records.Count - index) : [];
        }

        public CapturedRecord? At(long offset) =>
            offset >= _start && offset < End ? _records[_head + (int)(offset - _start)] : null;

        public long CountFrom(long offset) => Math.Max(0, End - Math.Max(offset, _start));

        public void Release(long offset)
        {
            var count = (int)Math.Clamp(offset - _start, 0, _records.Count - _head);
            _head += count;
            _start += count;
            if (_head > 1024 && _head * 2 > _records.Count)
            {
                _records.RemoveRange(0, _head);
                _head = 0;
            }
        }
    }
}
