using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// Events can arrive before their catalog item (the topics race). They wait in pending enrichment and are
/// applied within about a second of the item reaching the catalog global table, over the real transport.
/// </summary>
public sealed class PendingEnrichmentOnMockClusterTests
{
    private const string App = "reco-pending";
    private const int Partitions = 3;
    private const int EventCount = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_that_arrive_before_their_item_are_applied_within_seconds_of_the_item_arriving()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var stateDirectory = Path.Combine(Path.GetTempPath(), "reco-pending-" + Guid.NewGuid().ToString("N"));
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
            CommitInterval = TimeSpan.FromSeconds(30),
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
        };
        using var app = new KafkaStreams(reco.Topology, options, new MockTopicAdmin(cluster)) { Log = _ => { } };
        try
        {
            app.Start();
            WaitFor(() => app.State == KafkaStreamsState.Running, () => $"state Running (now {app.State})");
            using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                Partitioner = Partitioner.Murmur2Random,
                LingerMs = 5,
            }).Build();
            var events = InputSerdes.EngagementEvents(registry);
            var start = DateTimeOffset.UtcNow.AddMinutes(-5);
            for (var i = 0; i < EventCount; i++)
            {
                var e = View($"user-{i % 20}", Catalog[i % Catalog.Count].ItemId, start.AddMilliseconds(i));
                producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]>
                {
                    Key = e.UserId,
                    Value = events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
                });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
            WaitFor(() => reco.Counters.PendingHeld >= EventCount, () => $"every event parked (now {reco.Counters.PendingHeld})");
            Assert.Equal(0, reco.Counters.EventsApplied);

            var catalog = InputSerdes.CatalogItems(registry);
            foreach (var item in Catalog)
            {
                producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]>
                {
                    Key = item.ItemId,
                    Value = catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)),
                });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
            var sinceCatalog = Stopwatch.StartNew();
            WaitFor(() => reco.Counters.EventsApplied >= EventCount, () => $"every parked event applied (now {reco.Counters.EventsApplied})");
            output.WriteLine($"{EventCount} parked events applied {sinceCatalog.Elapsed.TotalMilliseconds:F0} ms after their items were produced");
            Assert.InRange(sinceCatalog.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.Equal(EventCount, reco.Counters.EventsApplied);
        }
        finally
        {
            app.Dispose();
            if (Directory.Exists(stateDirectory))
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
        }
    }

    private static void WaitFor(Func<bool> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds} s waiting for {what()}.");
            }

            Thread.Sleep(50);
        }
    }
}
