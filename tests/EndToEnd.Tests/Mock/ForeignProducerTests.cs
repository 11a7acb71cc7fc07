using System.Text;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using Xunit;
using static RecoStreams.EndToEnd.Tests.Mock.RecoOnMockCluster;
using static RecoStreams.Topology.Tests.Support.RecoScenario;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// Events from producers that do not key by user_id or do not partition with murmur2 still reach the user's
/// profile on the partition the query router reads (murmur2 of the user id), through the by-user repartition topic.
/// </summary>
public sealed class ForeignProducerTests
{
    [Fact]
    public async Task Events_keyed_otherwise_or_on_another_partition_end_up_in_the_users_profile_where_queries_look()
    {
        using var reco = await CreateAsync("reco-foreign", commitInterval: TimeSpan.FromMilliseconds(200));
        var app = reco.App;
        app.Start();
        using var producer = reco.Producer(murmur2: false);
        foreach (var item in Catalog)
        {
            producer.Produce(RecoTopics.CatalogItems, reco.CatalogMessage(item));
        }

        WaitFor(() => app.State == KafkaStreamsState.Running, () => "state Running");
        var catalogStore = app.GlobalStore<IReadOnlyKeyValueStore<string, Domain.CatalogItem>>(RecoStoreNames.Catalog);
        WaitFor(() => Catalog.All(i => catalogStore.TryGet(i.ItemId, out _)), () => "the catalog in the global store");

        var home = Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(Alice), Partitions);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var misKeyed = View(Alice, "d1", now);
        var misPlaced = View(Alice, "d2", now.AddSeconds(1));
        producer.Produce(RecoTopics.EngagementEvents, reco.EventMessage(misKeyed, key: "session-42"));
        producer.Produce(new TopicPartition(RecoTopics.EngagementEvents, new Partition((home + 1) % Partitions)), reco.EventMessage(misPlaced));
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));

        var profiles = app.Store<IReadOnlyKeyValueStore<string, Domain.UserProfile>>(RecoStoreNames.Profiles, home);
        WaitFor(() => profiles.TryGet(Alice, out var p) && p.Interactions == 2, () => $"both of {Alice}'s events in her profile on partition {home}");
        Assert.True(app.Close(TimeSpan.FromSeconds(20)), "the application did not close within 20 s");
    }
}
