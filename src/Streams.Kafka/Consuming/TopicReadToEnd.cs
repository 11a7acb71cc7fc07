using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Streams.Kafka.Consuming;

/// <summary>
/// Reads every record of a topic from its oldest kept record up to the end offsets taken at the start
/// (records produced meanwhile are left out), without a consumer group's committed position: a one-off scan
/// by a job outside the stream threads, such as listing a changelog's live keys.
/// </summary>
public static class TopicReadToEnd
{
    public static void Read<TKey>(
        string bootstrapServers, string groupId, string topic, TimeSpan timeout, Action<ConsumeResult<TKey, byte[]?>> onRecord, CancellationToken cancellationToken)
    {
        // This may be the process's first Confluent call: bind the packaged librdkafka before it (see LibrdkafkaLoader).
        LibrdkafkaLoader.EnsureLoaded();
        using var consumer = new ConsumerBuilder<TKey, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic {topic} is not readable: {metadata?.Error.Reason ?? "not found"}.");
        }

        // A partition whose records all expired (low = high) has nothing to wait for.
        var ends = new Dictionary<int, long>();
        foreach (var partition in metadata.Partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), timeout);
            if (watermarks.High > watermarks.Low)
            {
                ends[partition.PartitionId] = watermarks.High.Value;
            }
        }

        if (ends.Count == 0)
        {
            return;
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var remaining = new HashSet<int>(ends.Keys);
        var deadline = DateTime.UtcNow + timeout;
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic} did not reach its end offsets within {timeout.TotalSeconds:F0} s.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is null)
            {
                continue;
            }

            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                remaining.Remove(result.Partition.Value);
            }

            onRecord(result);
        }
    }
}
