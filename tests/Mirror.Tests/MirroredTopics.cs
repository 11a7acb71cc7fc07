using System.Text;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Mirror.Tests;

/// <summary>The topics the Postgres mirror reads, and records on them as the topology writes them.</summary>
internal static class MirroredTopics
{
    public static string Profiles(string app) => ChangelogTopics.NameFor(app, RecoStoreNames.Profiles);

    public static void Create(MockCluster cluster, string app, int partitions)
    {
        foreach (var topic in new[] { RecoTopics.RecommendationUpdated, new RecoTopics(app).ItemStats, Profiles(app) })
        {
            cluster.CreateTopic(topic, partitions);
        }
    }

    /// <summary>A recommendation-updated value: <paramref name="items"/> in order, each with score 1.</summary>
    public static async Task<byte[]> ListAsync(EmbeddedSchemaRegistry registry, string user, DateTimeOffset generatedAt, string[] items, CancellationToken cancel)
    {
        var list = new Domain.RecommendationList(
            user,
            [.. items.Select(i => new Domain.RecommendedItem(i, 1, Domain.RecommendationSource.Cf, "because"))],
            Domain.RecommendationStrategy.Hybrid,
            Domain.UserClass.Active,
            generatedAt.ToUnixTimeMilliseconds());
        return await new ConfluentAvroSerializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry)
            .SerializeAsync(RecommendationMapper.ToContract(new Domain.RecommendationUpdate(list, [], Domain.RecomputeTrigger.Punctuation)), RecoTopics.RecommendationUpdated, isKey: false, cancel);
    }

    /// <summary>A user-profiles changelog value.</summary>
    public static byte[] Profile(string app, Domain.UserProfile profile) =>
        new UserProfileSerde().Serialize(profile, new SerdeContext(Profiles(app), IsKey: false));

    public static void Produce(IProducer<byte[], byte[]?> producer, IEnumerable<(string Topic, string Key, byte[]? Value)> records)
    {
        foreach (var (topic, key, value) in records)
        {
            producer.Produce(topic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
    }
}
