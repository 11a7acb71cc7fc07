using Confluent.Kafka;
using RecoStreams.Avro.Registry;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>
/// The broker the killed service runs against. It must outlive the service: librdkafka's mock cluster lives
/// in this (the test's) process, a real broker is named by RECOSTREAMS_TEST_BOOTSTRAP and may have been used
/// before, so every run has its own application id, users and items, and starts its consumer group at the
/// current end of the shared input topics.
/// </summary>
internal sealed class CrashCluster : IDisposable
{
    public const string RealBrokerVariable = "RECOSTREAMS_TEST_BOOTSTRAP";

    private readonly MockCluster? _mock;

    private CrashCluster(MockCluster? mock, string bootstrapServers)
    {
        _mock = mock;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public bool IsMock => _mock is not null;

    public int Partitions { get; private set; }

    public static CrashCluster Mock(int partitions)
    {
        var mock = new MockCluster();
        return new CrashCluster(mock, mock.BootstrapServers) { Partitions = partitions };
    }

    public static CrashCluster? RealBroker(int partitions)
    {
        var bootstrap = Environment.GetEnvironmentVariable(RealBrokerVariable);
        return string.IsNullOrWhiteSpace(bootstrap) ? null : new CrashCluster(null, bootstrap) { Partitions = partitions };
    }

    /// <summary>The shared topics exist (created when missing; an existing engagement-events decides the partition count).</summary>
    public void PrepareSharedTopics(string applicationId)
    {
        var topics = new RecoTopics(applicationId);
        if (_mock is not null)
        {
            foreach (var (topic, _, keyed) in topics.External)
            {
                _mock.CreateTopic(topic, keyed ? Partitions : 1);
            }

            return;
        }

        using var admin = new KafkaTopicAdmin(new KafkaClientOptions { BootstrapServers = BootstrapServers, ApplicationId = applicationId });
        var existing = admin.PartitionCounts([RecoTopics.EngagementEvents]);
        Partitions = existing.TryGetValue(RecoTopics.EngagementEvents, out var count) ? count : Partitions;
        var specs = topics.External
            .Select(t => new InternalTopicSpec(
                t.Topic,
                t.Keyed ? Partitions : 1,
                t.Compacted ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : new Dictionary<string, string>()))
            .ToList();
        var present = admin.PartitionCounts(specs.Select(s => s.Name));
        admin.EnsureTopics(specs.Where(s => !present.ContainsKey(s.Name)).ToList());
    }

    /// <summary>On the mock, which has no CreateTopics, the application's own topics are created here; a real broker lets the service create them.</summary>
    public void PrepareApplicationTopics(string applicationId, ISchemaRegistryClient registry)
    {
        if (_mock is null)
        {
            return;
        }

        using var mockAdmin = new MockTopicAdmin(_mock);
        var description = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = applicationId }, registry).Topology.Describe(applicationId);
        InternalTopicManager.Prepare(description, mockAdmin);
        _mock.CreateTopic(KafkaStreams.InstancesTopic(applicationId), 1);
    }

    /// <summary>Commits the group's offsets at the current end of the input topics, so earlier runs' events are not read.</summary>
    public void StartGroupAtEnd(string applicationId)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = applicationId,
            EnableAutoCommit = false,
        }).Build();
        var inputs = new[] { RecoTopics.EngagementEvents, new RecoTopics(applicationId).RefreshRequests };
        var ends = inputs
            .SelectMany(topic => Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)))
            .Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High))
            .ToList();
        consumer.Commit(ends);
    }

    /// <summary>End offsets of a topic's partitions now: where this run's records start.</summary>
    public Dictionary<int, long> EndOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "crash-offsets" }).Build();
        return Enumerable.Range(0, Partitions)
            .ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public void Dispose() => _mock?.Dispose();
}
