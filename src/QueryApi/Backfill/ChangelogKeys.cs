using System.Text;
using Confluent.Kafka;

namespace RecoStreams.QueryApi.Backfill;

/// <summary>
/// The live keys of a compacted changelog: every key whose latest record up to the end offsets taken at the
/// start is not a tombstone. A backfill reads the user-profiles changelog this way to find every user of
/// the application without asking the instances that own them.
/// </summary>
public static class ChangelogKeys
{
    public static IReadOnlyList<string> Read(string bootstrapServers, string topic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "recostreams-backfill-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic {topic} is not readable: {metadata?.Error.Reason ?? "not found"}.");
        }

        // Stop at the end offsets as of now: users added while the backfill runs are fresh anyway.
        var ends = metadata.Partitions
            .Select(p => (Partition: new TopicPartition(topic, p.PartitionId), End: consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), timeout).High))
            .Where(p => p.End > 0)
            .ToDictionary(p => p.Partition.Partition.Value, p => p.End.Value);
        var live = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (ends.Count == 0)
        {
            return [];
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
            if (result?.Message is not { Key: { } key } message)
            {
                continue;
            }

            live[Encoding.UTF8.GetString(key)] = message.Value is not null;
            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                remaining.Remove(result.Partition.Value);
            }
        }

        return [.. live.Where(kv => kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }
}
