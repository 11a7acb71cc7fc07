using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Mock;

namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>
/// Topic administration on librdkafka's mock cluster, whose broker does not implement CreateTopics (the
/// AdminClient call hangs until its timeout). Topics are created through the mock API; topic configs
/// such as cleanup.policy have no effect there, since the mock neither compacts nor expires.
/// </summary>
public sealed class MockTopicAdmin : ITopicAdmin
{
    private readonly MockCluster _cluster;
    private readonly IAdminClient _admin;
    private readonly TimeSpan _timeout;

    public MockTopicAdmin(MockCluster cluster, TimeSpan? timeout = null)
    {
        _cluster = cluster;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
    }

    public IReadOnlyDictionary<string, int> PartitionCounts(IEnumerable<string> topics) =>
        MetadataPartitionCounts.Lookup(_admin, topics, _timeout);

    public void EnsureTopics(IReadOnlyCollection<InternalTopicSpec> topics)
    {
        var existing = PartitionCounts(topics.Select(t => t.Name));
        MetadataPartitionCounts.RequireMatching(topics, existing);
        foreach (var topic in topics.Where(t => !existing.ContainsKey(t.Name)))
        {
            _cluster.CreateTopic(topic.Name, topic.Partitions);
        }
    }

    public void Dispose() => _admin.Dispose();
}
