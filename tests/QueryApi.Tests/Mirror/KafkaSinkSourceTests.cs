using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Processors.Affinity;
using RecoStreams.QueryApi.Mirror;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
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
        MirroredTopics.Create(cluster, App, partitions: 1);
        var profilesTopic = MirroredTopics.Profiles(App);

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var at = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var profile = new Domain.UserProfile("ann", 10, 64, 10) { LastEngagementMs = at.ToUnixTimeMilliseconds() };
        profile.Genres["Drama"] = new DecayedScore(2.0, at.ToUnixTimeMilliseconds());
        profile.Creators["Leckie"] = new DecayedScore(1.0, at.AddDays(-14).ToUnixTimeMilliseconds());
        var recommendation = await MirroredTopics.ListAsync(registry, "ann", at, ["i1"], TestContext.Current.CancellationToken);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            MirroredTopics.Produce(producer, [
                (RecoTopics.RecommendationUpdated, "ann", recommendation),
                (profilesTopic, "ann", MirroredTopics.Profile(App, profile)),
                (profilesTopic, "gone", null),
            ]);
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
