using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// The hand-checked scenario over the real Kafka transport: librdkafka's mock cluster, Confluent producers
/// and consumers, the RecoStreams topology in <see cref="KafkaStreams"/> with RocksDB stores.
/// </summary>
public sealed class RecoStreamsOnMockClusterTests
{
    private const string App = "reco-e2e";
    private const int Partitions = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Alice_gets_the_co_visited_dramas_on_recommendation_updated_within_30_seconds()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var stateDirectory = Path.Combine(Path.GetTempPath(), "reco-e2e-" + Guid.NewGuid().ToString("N"));
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
        var log = new List<string>();
        var app = new KafkaStreams(reco.Topology, options, new MockTopicAdmin(cluster));
        app.Log = line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        };
        try
        {
            app.Start();
            using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                Partitioner = Partitioner.Murmur2Random,
                LingerMs = 1,
            }).Build();
            var events = InputSerdes.EngagementEvents(registry);
            var catalog = InputSerdes.CatalogItems(registry);

            foreach (var item in Catalog)
            {
                Produce(producer, RecoTopics.CatalogItems, item.ItemId, catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)));
            }

            WaitFor(() => app.State == KafkaStreamsState.Running, () => $"state Running (now {app.State}; {app.Failure?.Message})");
            var catalogStore = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.CatalogItem>>(RecoStoreNames.Catalog);
            WaitFor(() => Catalog.All(i => catalogStore.TryGet(i.ItemId, out _)), () => "the catalog in the global store");

            // Real times: hopping windows and validation judge events against the wall clock.
            foreach (var e in BackgroundEventsAt(DateTimeOffset.UtcNow.AddMinutes(-30)))
            {
                Produce(producer, RecoTopics.EngagementEvents, e.UserId, events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
            }

            // d1 and d3 live on different partitions: d1's stats can name d3 only once d3's own stats are in the
            // global table, so a later event on d1 (dave's view) republishes d1 with both neighbours.
            var itemStats = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.ItemStats>>(RecoStoreNames.ItemStats);
            WaitFor(() => Dramas.All(d => itemStats.TryGet(d, out _)), () => "the dramas' stats in the item-stats global table");
            var dave = View("dave", "d1", DateTimeOffset.UtcNow.AddMinutes(-20));
            Produce(producer, RecoTopics.EngagementEvents, dave.UserId, events.Serialize(dave, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
            WaitFor(
                () => itemStats.TryGet("d1", out var stats) && stats.Neighbours.Select(n => n.ItemId).Order().SequenceEqual(["d2", "d3"]),
                () => $"d1's neighbours d2 and d3 in the item-stats global table (now: {(itemStats.TryGet("d1", out var s) ? string.Join(", ", s.Neighbours) : "no stats")})");

            var aliceEvents = AliceEventsAt(DateTimeOffset.UtcNow);
            foreach (var e in aliceEvents)
            {
                Produce(producer, RecoTopics.EngagementEvents, e.UserId, events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
            }

            var (list, receivedAt) = ConsumeUntil(cluster, registry, r => r.UserId == Alice && r.Items.Count >= 2);
            var ids = list.Items.Select(i => i.ItemId).ToList();
            Assert.DoesNotContain("d1", ids);
            Assert.Equal(["d2", "d3"], ids.Take(2).Order(StringComparer.Ordinal));
            Assert.All(list.Items.Take(2), i => Assert.Equal("because you viewed Title d1", i.Explanation));
            Assert.All(ids.Skip(2), id => Assert.Contains(id, Comedies));

            var freshness = receivedAt - aliceEvents[^1].OccurredAt;
            output.WriteLine($"freshness (last event occurred_at -> recommendation-updated received): {freshness.TotalMilliseconds:F0} ms");
            Assert.InRange(freshness, TimeSpan.Zero, Deadline);
            Assert.True(app.Close(TimeSpan.FromSeconds(20)), "the application did not close within 20 s");
        }
        catch
        {
            lock (log)
            {
                log.ForEach(output.WriteLine);
            }

            foreach (var topic in new[] { RecoTopics.EngagementEvents, $"{App}-by-item-repartition", reco.Topics.ItemStats, RecoTopics.EngagementEventsDeadLetter })
            {
                output.WriteLine($"{topic}: {RecordCount(cluster, topic)} record(s)");
            }

            throw;
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

    private static void Produce(IProducer<string, byte[]> producer, string topic, string key, byte[] value)
    {
        producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
        if (producer.Flush(TimeSpan.FromSeconds(10)) != 0)
        {
            throw new TimeoutException($"Producing to {topic} did not complete within 10 s.");
        }
    }

    /// <summary>Reads recommendation-updated from the beginning with a stock consumer until a list matches.</summary>
    private static (RecommendationUpdated List, DateTimeOffset ReceivedAt) ConsumeUntil(
        MockCluster cluster, EmbeddedSchemaRegistry registry, Func<RecommendationUpdated, bool> match)
    {
        var deserializer = new ConfluentAvroDeserializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "e2e-reader-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(RecoTopics.RecommendationUpdated, p, Offset.Beginning)));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message?.Value is { } value && deserializer.Deserialize(value) is var list && match(list))
            {
                return (list, DateTimeOffset.UtcNow);
            }
        }

        throw new TimeoutException($"No matching recommendation-updated record within {Deadline.TotalSeconds} s.");
    }

    private static long RecordCount(MockCluster cluster, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "e2e-count" }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single().Partitions;
        return partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(5)).High.Value);
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
