using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using Xunit;
using static RecoStreams.EndToEnd.Tests.Mock.RecoOnMockCluster;
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

    [Fact]
    public async Task Alice_gets_the_co_visited_dramas_on_recommendation_updated_within_30_seconds()
    {
        var output = TestContext.Current.TestOutputHelper!;
        using var reco = await CreateAsync(App, commitInterval: TimeSpan.FromMilliseconds(200));
        var (app, cluster) = (reco.App, reco.Cluster);
        try
        {
            app.Start();
            using var producer = reco.Producer();
            foreach (var item in Catalog)
            {
                Produce(producer, RecoTopics.CatalogItems, reco.CatalogMessage(item));
            }

            WaitFor(() => app.State == KafkaStreamsState.Running, () => $"state Running (now {app.State}; {app.Failure?.Message})");
            var catalogStore = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.CatalogItem>>(RecoStoreNames.Catalog);
            WaitFor(() => Catalog.All(i => catalogStore.TryGet(i.ItemId, out _)), () => "the catalog in the global store");

            // Real times: hopping windows and validation judge events against the wall clock.
            foreach (var e in BackgroundEventsAt(DateTimeOffset.UtcNow.AddMinutes(-30)))
            {
                Produce(producer, RecoTopics.EngagementEvents, reco.EventMessage(e));
            }

            // d1 and d3 live on different partitions: d1's stats can name d3 only once d3's own stats are in the
            // global table, so a later event on d1 (dave's view) republishes d1 with both neighbours.
            var itemStats = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.ItemStats>>(RecoStoreNames.ItemStats);
            WaitFor(() => Dramas.All(d => itemStats.TryGet(d, out _)), () => "the dramas' stats in the item-stats global table");
            Produce(producer, RecoTopics.EngagementEvents, reco.EventMessage(View("dave", "d1", DateTimeOffset.UtcNow.AddMinutes(-20))));
            WaitFor(
                () => itemStats.TryGet("d1", out var stats) && stats.Neighbours.Select(n => n.ItemId).Order().SequenceEqual(["d2", "d3"]),
                () => $"d1's neighbours d2 and d3 in the item-stats global table (now: {(itemStats.TryGet("d1", out var s) ? string.Join(", ", s.Neighbours) : "no stats")})");

            var aliceEvents = AliceEventsAt(DateTimeOffset.UtcNow);
            foreach (var e in aliceEvents)
            {
                Produce(producer, RecoTopics.EngagementEvents, reco.EventMessage(e));
            }

            // Five views make Alice Casual (hybrid, co-visitation first). A recompute may fall between her first
            // and fifth view and publish a New user's content-led list first: the list to judge is the hybrid one.
            var (list, receivedAt) = ConsumeUntil(cluster, reco.Registry, r => r.UserId == Alice && r.Strategy == RecommendationStrategy.Hybrid, output);
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
            foreach (var line in reco.LogLines)
            {
                output.WriteLine(line);
            }

            foreach (var topic in new[] { RecoTopics.EngagementEvents, $"{App}-by-item-repartition", reco.Reco.Topics.ItemStats, RecoTopics.EngagementEventsDeadLetter })
            {
                output.WriteLine($"{topic}: end offsets sum to {EndOffsetSum(cluster, topic)}");
            }

            throw;
        }
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, Message<string, byte[]> message)
    {
        producer.Produce(topic, message);
        if (producer.Flush(TimeSpan.FromSeconds(10)) != 0)
        {
            throw new TimeoutException($"Producing to {topic} did not complete within 10 s.");
        }
    }

    /// <summary>
    /// Reads recommendation-updated from the beginning with a stock consumer until a list matches; prints each
    /// list read on the way, so a failure shows what was published.
    /// </summary>
    private static (RecommendationUpdated List, DateTimeOffset ReceivedAt) ConsumeUntil(
        MockCluster cluster, EmbeddedSchemaRegistry registry, Func<RecommendationUpdated, bool> match, ITestOutputHelper output)
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
            if (result?.Message?.Value is not { } value)
            {
                continue;
            }

            var list = deserializer.Deserialize(value);
            output.WriteLine($"recommendation-updated: {list.UserId} {list.Strategy} [{string.Join("; ", list.Items.Select(i => $"{i.ItemId} {i.Source} '{i.Explanation}'"))}]");
            if (match(list))
            {
                return (list, DateTimeOffset.UtcNow);
            }
        }

        throw new TimeoutException($"No matching recommendation-updated record within {Deadline.TotalSeconds} s.");
    }

    // The sum of the partitions' high watermarks: the records written, plus any transaction markers.
    private static long EndOffsetSum(MockCluster cluster, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "e2e-count" }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single().Partitions;
        return partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(5)).High.Value);
    }
}
