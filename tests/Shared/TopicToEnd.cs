using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Consuming;

namespace RecoStreams.Tests.Shared;

/// <summary>
/// Reads topics back in tests with the runtime's <see cref="TopicReadToEnd"/> (one reading of where a partition
/// ends, tested once), with a bounded wait. Linked into the test projects that check what was produced.
/// </summary>
internal static class TopicToEnd
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every record of every partition of <paramref name="topic"/> (from the cluster's metadata), from the beginning.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, TimeSpan? timeout = null) =>
        ReadAll(bootstrapServers, [topic], timeout);

    /// <summary>Every record of every partition of <paramref name="topics"/>, from the beginning, in one read of all partitions.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, IEnumerable<string> topics, TimeSpan? timeout = null)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var starts = topics.SelectMany(topic => FromBeginning(topic, admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId)));
        return Read(bootstrapServers, [.. starts], timeout ?? DefaultTimeout);
    }

    public static IReadOnlyList<TopicPartitionOffset> FromBeginning(string topic, IEnumerable<int> partitions) =>
        [.. partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning))];

    /// <summary>
    /// The records from <paramref name="starts"/> up to each partition's end offset taken at the start, in the
    /// order they arrive; read_committed stops at the last stable offset.
    /// </summary>
    /// <exception cref="TimeoutException">A partition did not reach its end within <paramref name="timeout"/>.</exception>
    public static List<ConsumeResult<byte[]?, byte[]?>> Read(
        string bootstrapServers, IReadOnlyList<TopicPartitionOffset> starts, TimeSpan timeout, IsolationLevel isolation = IsolationLevel.ReadUncommitted)
    {
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        TopicReadToEnd.Read<byte[]?>(bootstrapServers, "test-reader-" + Guid.NewGuid(), starts, isolation, timeout, records.Add, CancellationToken.None);
        return records;
    }
}
