using Confluent.Kafka;

namespace RecoStreams.Tests.Shared;

/// <summary>
/// Reads topics back in tests: from given offsets until every partition reports its end (EOF), with a bounded
/// wait. Linked into the test projects that check what was produced.
/// </summary>
internal static class TopicToEnd
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every record of every partition of <paramref name="topic"/> (from the cluster's metadata), from the beginning.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, TimeSpan? timeout = null)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId);
        return Read(bootstrapServers, FromBeginning(topic, partitions), timeout ?? DefaultTimeout);
    }

    public static IReadOnlyList<TopicPartitionOffset> FromBeginning(string topic, IEnumerable<int> partitions) =>
        [.. partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning))];

    /// <summary>The records from <paramref name="starts"/> up to each partition's end, in the order they arrive.</summary>
    /// <exception cref="TimeoutException">A partition did not reach its end within <paramref name="timeout"/>.</exception>
    public static List<ConsumeResult<byte[]?, byte[]?>> Read(
        string bootstrapServers, IReadOnlyList<TopicPartitionOffset> starts, TimeSpan timeout, IsolationLevel isolation = IsolationLevel.ReadUncommitted)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid(),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = isolation,
        }).Build();
        consumer.Assign(starts);
        var open = starts.Select(s => s.Partition.Value).ToHashSet();
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"partitions {string.Join(",", open)} of {starts[0].Topic} did not reach their end within {timeout.TotalSeconds:0} s");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                open.Remove(result.Partition.Value);
            }
            else
            {
                records.Add(result);
            }
        }

        return records;
    }
}
