using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// Events from producers that do not key by user_id or do not partition with murmur2 still reach the user's
/// profile on the partition the query router reads (murmur2 of the user id), through the by-user repartition topic.
/// </summary>
public sealed class ForeignProducerTests
{
    private const string App = "reco-foreign";
    private const int Partitions = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_keyed_otherwise_or_on_another_partition_end_up_in_the_users_profile_where_queries_look()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "reco-foreign-" + Guid.NewGuid().ToString("N"));
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = App }, registry);
        using var cluster = new MockCluster();
        foreach (var (topic, _, keyed) in reco.Topics.External)
        {
            cluster.CreateTopic(topic, keyed ? Partitions : 1);
        }

        var options = new StreamsOptions
        {
            ApplicationId = App,
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = stateDirectory,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            PollTimeout = TimeSpan.FromMilliseconds(50),
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
        };
        using var app = new KafkaStreams(reco.Topology, options, new MockTopicAdmin(cluster));
        try
        {
            app.Start();
            var events = InputSerdes.EngagementEvents(registry);
            var catalog = InputSerdes.CatalogItems(registry);
            using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 1 }).Build();
            foreach (var item in Catalog)
            {
                producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]>
                {
                    Key = item.ItemId,
                    Value = catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)),
                });
            }

            WaitFor(() => app.State == KafkaStreamsState.Running, "state Running");
            var catalogStore = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.CatalogItem>>(RecoStoreNames.Catalog);
            WaitFor(() => Catalog.All(i => catalogStore.TryGet(i.ItemId, out _)), "the catalog in the global store");

            var home = Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(Alice), Partitions);
            var now = DateTimeOffset.UtcNow.AddMinutes(-1);
            var misKeyed = View(Alice, "d1", now);
            var misPlaced = View(Alice, "d2", now.AddSeconds(1));
            producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]>
            {
                Key = "session-42",
                Value = events.Serialize(misKeyed, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
            });
            producer.Produce(new TopicPartition(RecoTopics.EngagementEvents, new Partition((home + 1) % Partitions)), new Message<string, byte[]>
            {
                Key = Alice,
                Value = events.Serialize(misPlaced, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
            });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));

            var profiles = app.Store<IReadOnlyKeyValueStore<string, Domain.UserProfile>>(RecoStoreNames.Profiles, home);
            WaitFor(() => profiles.TryGet(Alice, out var p) && p.Interactions == 2, $"both of {Alice}'s events in her profile on partition {home}");
            Assert.True(app.Close(TimeSpan.FromSeconds(20)), "the application did not close within 20 s");
        }
        finally
        {
            if (Directory.Exists(stateDirectory))
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"Timed out after {Deadline.TotalSeconds} s waiting for {what}.");
            Thread.Sleep(50);
        }
    }
}
