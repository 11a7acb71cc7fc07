using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Streams.Kafka.Consuming;

/// <summary>
/// Reads a topic once, from its oldest kept record (or given offsets) up to each partition's end offset taken
/// at the start, without a consumer group's committed position: a one-off scan by a job outside the stream
/// threads, such as listing a changelog's live keys. Records produced meanwhile are left out.
/// </summary>
/// <remarks>
/// The end is what a consumer of the same isolation level could read at the start: the high watermark
/// read_uncommitted, the last stable offset read_committed (its watermark query answers the LSO, and it never
/// fetches past it), so a transaction still open at the start is left out, not waited for. The last offset
/// before the end need not hold a record: a transaction's commit or abort marker (a control record, never
/// returned) or a compaction gap can stand there. So a partition ends when its position, which steps over
/// control records, reaches the end; at a partition EOF at or past it (the fetch stepped over a gap); or at
/// the first record at or past it, which is left out, so new records are never chased.
/// </remarks>
public static class TopicReadToEnd
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Every partition of <paramref name="topic"/> from its oldest kept record, read_committed: records of
    /// aborted transactions are never returned.
    /// </summary>
    public static void Read<TKey>(
        string bootstrapServers, string groupId, string topic, TimeSpan timeout, Action<ConsumeResult<TKey, byte[]?>> onRecord, CancellationToken cancellationToken)
    {
        using var consumer = Build<TKey>(bootstrapServers, groupId, IsolationLevel.ReadCommitted);
        var starts = Partitions(consumer, topic, timeout).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)).ToList();
        ReadToEnds(consumer, starts, timeout, onRecord, cancellationToken);
    }

    /// <summary>
    /// The partitions of <paramref name="starts"/>, each from its offset (or <see cref="Offset.Beginning"/>);
    /// a start the retention has removed meanwhile reads from the oldest kept record.
    /// </summary>
    public static void Read<TKey>(
        string bootstrapServers,
        string groupId,
        IReadOnlyList<TopicPartitionOffset> starts,
        IsolationLevel isolation,
        TimeSpan timeout,
        Action<ConsumeResult<TKey, byte[]?>> onRecord,
        CancellationToken cancellationToken)
    {
        if (starts.FirstOrDefault(s => s.Offset.IsSpecial && s.Offset != Offset.Beginning) is { } special)
        {
            throw new ArgumentException($"Start {special} is neither an offset nor the beginning.", nameof(starts));
        }

        using var consumer = Build<TKey>(bootstrapServers, groupId, isolation);
        ReadToEnds(consumer, starts, timeout, onRecord, cancellationToken);
    }

    private static IConsumer<TKey, byte[]?> Build<TKey>(string bootstrapServers, string groupId, IsolationLevel isolation)
    {
        // This may be the process's first Confluent call: bind the packaged librdkafka before it (see LibrdkafkaLoader).
        LibrdkafkaLoader.EnsureLoaded();
        return new ConsumerBuilder<TKey, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            IsolationLevel = isolation,
        }).Build();
    }

    private static IEnumerable<int> Partitions<TKey>(IConsumer<TKey, byte[]?> consumer, string topic, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic {topic} is not readable: {metadata?.Error.Reason ?? "not found"}.");
        }

        return metadata.Partitions.Select(p => p.PartitionId);
    }

    private static void ReadToEnds<TKey>(
        IConsumer<TKey, byte[]?> consumer,
        IReadOnlyList<TopicPartitionOffset> starts,
        TimeSpan timeout,
        Action<ConsumeResult<TKey, byte[]?>> onRecord,
        CancellationToken cancellationToken)
    {
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var start in starts)
        {
            // Nothing to wait for where every record expired (low = end) or the start is at or past the end.
            var watermarks = consumer.QueryWatermarkOffsets(start.TopicPartition, timeout);
            var from = start.Offset == Offset.Beginning ? watermarks.Low.Value : Math.Max(start.Offset.Value, watermarks.Low.Value);
            if (watermarks.High.Value > from)
            {
                ends[start.TopicPartition] = watermarks.High.Value;
            }
        }

        if (ends.Count == 0)
        {
            return;
        }

        consumer.Assign(starts.Where(s => ends.ContainsKey(s.TopicPartition)));
        var deadline = DateTime.UtcNow + timeout;
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Reading {string.Join(", ", ends.Select(e => $"{e.Key} (at {consumer.Position(e.Key)} of {e.Value})"))} did not reach the end offsets taken at the start within {timeout.TotalSeconds:F0} s.");
            }

            var result = consumer.Consume(PollTimeout);
            if (result is null)
            {
                EndWherePositionReached(consumer, ends);
                continue;
            }

            if (!ends.TryGetValue(result.TopicPartition, out var end))
            {
                continue;
            }

            // An EOF at or past the end, or the first record produced after the start.
            if (result.Offset.Value >= end)
            {
                End(consumer, ends, result.TopicPartition);
                continue;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            onRecord(result);
            if (result.Offset.Value + 1 >= end)
            {
                End(consumer, ends, result.TopicPartition);
            }
        }
    }

    /// <summary>A quiet poll may have stepped over control records up to a partition's end.</summary>
    private static void EndWherePositionReached<TKey>(IConsumer<TKey, byte[]?> consumer, Dictionary<TopicPartition, long> ends)
    {
        foreach (var (partition, end) in ends.ToList())
        {
            if (consumer.Position(partition).Value >= end)
            {
                End(consumer, ends, partition);
            }
        }
    }

    /// <summary>Pausing an ended partition stops fetching what is produced after the start.</summary>
    private static void End<TKey>(IConsumer<TKey, byte[]?> consumer, Dictionary<TopicPartition, long> ends, TopicPartition partition)
    {
        ends.Remove(partition);
        consumer.Pause([partition]);
    }
}
