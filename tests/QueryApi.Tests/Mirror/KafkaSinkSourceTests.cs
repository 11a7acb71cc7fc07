using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Serdes;
using RecoStreams.QueryApi.Mirror;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.QueryApi.Tests.Mirror;

/// <summary>The mirror's Kafka side on librdkafka's mock cluster: what each mirrored topic turns into.</summary>
public sealed class KafkaSinkSourceTests
{
    private const string App = "mirror-source-test";

    [Fact]
    public async Task Reads_recommendations_and_user_profiles_into_rows_and_skips_tombstones()
    {
        using var cluster = new MockCluster();
        var topics = new RecoTopics(App);
        var profilesTopic = ChangelogTopics.NameFor(App, RecoStoreNames.Profiles);
        foreach (var topic in new[] { RecoTopics.RecommendationUpdated, topics.ItemStats, profilesTopic })
        {
            cluster.CreateTopic(topic, 1);
        }

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var at = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var profile = new Domain.UserProfile("ann", 10, 64, 10) { LastEngagementMs = at.ToUnixTimeMilliseconds() };
        profile.Genres["Drama"] = new DecayedScore(2.0, at.ToUnixTimeMilliseconds());
        profile.Creators["Leckie"] = new DecayedScore(1.0, at.AddDays(-14).ToUnixTimeMilliseconds());
        var list = new Domain.RecommendationList(
            "ann", [new Domain.RecommendedItem("i1", 0.9, Domain.RecommendationSource.Cf, "because")], Domain.RecommendationStrategy.Hybrid, Domain.UserClass.Active, at.ToUnixTimeMilliseconds());
        var recommendation = await new ConfluentAvroSerializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry)
            .SerializeAsync(RecommendationMapper.ToContract(new Domain.RecommendationUpdate(list, [], Domain.RecomputeTrigger.Punctuation)), RecoTopics.RecommendationUpdated, isKey: false, TestContext.Current.CancellationToken);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            producer.Produce(RecoTopics.RecommendationUpdated, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes("ann"), Value = recommendation });
            producer.Produce(profilesTopic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes("ann"), Value = new UserProfileSerde().Serialize(profile, new SerdeContext(profilesTopic, IsKey: false)) });
            producer.Produce(profilesTopic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes("gone"), Value = null });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        var options = new MirrorOptions { MaxBatchDelay = TimeSpan.FromSeconds(1), AffinityHalfLife = TimeSpan.FromDays(14) };
        using var source = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, NullLogger<KafkaSinkSource>.Instance);
        var recommendations = new List<Postgres.Rows.RecommendationRow>();
        var features = new List<Postgres.Rows.UserFeaturesRow>();
        var lastProfileOffset = -1L;
        var deadline = DateTime.UtcNow.AddSeconds(30);

        // Until both records of the changelog (the profile, then the tombstone) and the list have been handled.
        while ((recommendations.Count == 0 || lastProfileOffset < 1) && DateTime.UtcNow < deadline)
        {
            var batch = await source.NextBatchAsync(TestContext.Current.CancellationToken);
            recommendations.AddRange(batch.Recommendations);
            features.AddRange(batch.UserFeatures);
            lastProfileOffset = Math.Max(lastProfileOffset, batch.Positions.Where(p => p.Topic == profilesTopic).Select(p => p.Offset).DefaultIfEmpty(-1).Max());
        }

        Assert.Equal("i1", Assert.Single(Assert.Single(recommendations).Items).Id);
        var row = Assert.Single(features);
        Assert.Equal("ann", row.UserId);
        Assert.Equal(2.0, row.GenreScores["Drama"], 9);
        Assert.Equal(0.5, row.CreatorScores["Leckie"], 9);
        Assert.Equal((at, at), (row.LastEngagementAt, row.UpdatedAt));
    }
}
