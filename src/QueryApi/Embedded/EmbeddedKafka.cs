using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Embedded;

/// <summary>
/// The embedded default: librdkafka's in-process mock cluster on loopback with RecoStreams' topics
/// created, so one command runs the whole application without brokers. Its data lives in memory and
/// is gone when the process exits; real deployments pass --bootstrap-servers instead.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    private readonly MockCluster _cluster;

    private EmbeddedKafka(MockCluster cluster) => _cluster = cluster;

    public string BootstrapServers => _cluster.BootstrapServers;

    public static EmbeddedKafka Start(RecoTopics topics, int partitions)
    {
        var cluster = new MockCluster();
        try
        {
            foreach (var (topic, _, keyed) in topics.External)
            {
                cluster.CreateTopic(topic, keyed ? partitions : 1);
            }

            return new EmbeddedKafka(cluster);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Topic creation for the runtime's internal topics (AdminClient.CreateTopics hangs on the mock).</summary>
    public ITopicAdmin CreateTopicAdmin() => new MockTopicAdmin(_cluster);

    public void Dispose() => _cluster.Dispose();
}
