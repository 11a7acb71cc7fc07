using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>The real interactive queries over <see cref="KafkaStreams"/> on librdkafka's mock cluster.</summary>
public sealed class KafkaStreamsQueriesTests
{
    private const string App = "reco-queries-test";
    private const int Partitions = 2;

    [Fact]
    public async Task Queries_answer_503_before_running_and_for_partitions_another_instance_owns_never_empty()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = App, StateStores = StateStoreKind.InMemory }, registry);
        using var cluster = new MockCluster();
        foreach (var (topic, _, keyed) in reco.Topics.External)
        {
            cluster.CreateTopic(topic, keyed ? Partitions : 1);
        }

        using var counts = new TopicAdminPartitionCounts(new MockTopicAdmin(cluster));
        using var first = Start(reco, cluster);
        var firstQueries = new KafkaStreamsRecommendationQueries(first, reco, counts);

        var beforeStart = Assert.Throws<ServiceUnavailableException>(() => firstQueries.Recommendations("alice"));
        Assert.Contains("Created", beforeStart.Message, StringComparison.Ordinal);

        first.Start();
        WaitFor(() => first.State == KafkaStreamsState.Running, "the first instance to run");
        Assert.Null(firstQueries.Recommendations("alice"));
        Assert.Null(firstQueries.Profile("alice"));

        using var second = Start(reco, cluster);
        var secondQueries = new KafkaStreamsRecommendationQueries(second, reco, counts);
        second.Start();
        WaitFor(
            () => first.State == KafkaStreamsState.Running && second.State == KafkaStreamsState.Running && OwnedUserPartitions(second).Count > 0
                && OwnedUserPartitions(first).Count > 0,
            "both instances to run with one by-user partition each");

        var remote = OwnedUserPartitions(second).First();
        var user = Enumerable.Range(0, 1000).Select(i => "user-" + i).First(u => KeyPartitions.Of(u, Partitions) == remote);
        var notLocal = Assert.Throws<ServiceUnavailableException>(() => firstQueries.Recommendations(user));
        Assert.Contains($"Partition {remote}", notLocal.Message, StringComparison.Ordinal);
        Assert.Null(secondQueries.Profile(user));

        Assert.True(second.Close(TimeSpan.FromSeconds(20)));
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Key_partition_is_always_within_the_topic_and_stable()
    {
        var prop = Prop.ForAll(
            ArbMap.Default.ArbFor<string>().Filter(s => s is not null),
            Gen.Choose(1, 256).ToArbitrary(),
            (key, partitions) =>
            {
                var partition = KeyPartitions.Of(key, partitions);
                return partition >= 0 && partition < partitions && partition == KeyPartitions.Of(new string(key.AsSpan()), partitions);
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    private static IReadOnlyCollection<int> OwnedUserPartitions(KafkaStreams streams) =>
        [.. streams.Stores<object>(RecoStoreNames.Profiles).Keys];

    /// <summary>
    /// The mock's group coordinator waits session.timeout.ms - 1 s for members to rejoin in every
    /// rebalance phase; a short session keeps the two-instance rebalance within seconds.
    /// </summary>
    private static KafkaStreams Start(RecoStreamsTopology reco, MockCluster cluster)
    {
        var options = Options(cluster);
        var clientOptions = KafkaClientOptions.From(options) with
        {
            ConsumerOverrides = new Dictionary<string, string> { ["session.timeout.ms"] = "3500", ["heartbeat.interval.ms"] = "300" },
        };
        return new KafkaStreams(reco.Topology, options, clientOptions, new MockTopicAdmin(cluster)) { Log = _ => { } };
    }

    private static StreamsOptions Options(MockCluster cluster) => new()
    {
        ApplicationId = App,
        BootstrapServers = cluster.BootstrapServers,
        StateDirectory = Path.Combine(Path.GetTempPath(), "reco-queries-" + Guid.NewGuid().ToString("N")),
        CommitInterval = TimeSpan.FromMilliseconds(200),
        PollTimeout = TimeSpan.FromMilliseconds(50),
    };

    private static void WaitFor(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Timed out waiting for {what}.");
            Thread.Sleep(100);
        }
    }
}
