using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Processors.Affinity;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Mirror.Tests;

/// <summary>The mirror's Kafka side on librdkafka's mock cluster: what each mirrored topic turns into.</summary>
public sealed class KafkaSinkSourceTests
{
    private const string App = "mirror-source-test";

    [Fact]
    public async Task Reads_recommendations_and_user_profiles_into_rows_and_a_profile_tombstone_as_an_erased_user()
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
        var erased = new List<string>();
        var lastProfileOffset = -1L;
        var deadline = DateTime.UtcNow.AddSeconds(30);

        // Until both records of the changelog (the profile, then the tombstone) and the list have been handled.
        while ((recommendations.Count == 0 || lastProfileOffset < 1) && DateTime.UtcNow < deadline)
        {
            var batch = await source.NextBatchAsync(TestContext.Current.CancellationToken);
            recommendations.AddRange(batch.Recommendations);
            features.AddRange(batch.UserFeatures);
            erased.AddRange(batch.ErasedUsers);
            lastProfileOffset = Math.Max(lastProfileOffset, batch.Positions.Where(p => p.Topic == profilesTopic).Select(p => p.Offset).DefaultIfEmpty(-1).Max());
        }

        Assert.Equal("i1", Assert.Single(Assert.Single(recommendations).Items).Id);
        var row = Assert.Single(features);
        Assert.Equal("ann", row.UserId);
        Assert.Equal(2.0, row.GenreScores["Drama"], 9);
        Assert.Equal(0.5, row.CreatorScores["Leckie"], 9);
        Assert.Equal((at, at), (row.LastEngagementAt, row.UpdatedAt));
        Assert.Equal(["gone"], erased);
    }

    [Fact]
    public async Task A_list_tombstone_drops_the_users_earlier_rows_from_the_batch_and_keeps_a_later_list()
    {
        using var cluster = new MockCluster();
        MirroredTopics.Create(cluster, App, partitions: 1);
        var cancel = TestContext.Current.CancellationToken;
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        var at = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var options = new MirrorOptions { MaxBatchDelay = TimeSpan.FromSeconds(3), AffinityHalfLife = TimeSpan.FromDays(14) };
        using var source = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, NullLogger<KafkaSinkSource>.Instance);
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        // A record that yields no rows, until it is read: then the source is assigned and the next batch sees all that follows.
        MirroredTopics.Produce(producer, [(new RecoTopics(App).ItemStats, "warm-up", null)]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Postgres.Delivery.SinkBatch warmUp;
        do
        {
            warmUp = await source.NextBatchAsync(cancel);
        }
        while (warmUp.Positions.Count == 0 && DateTime.UtcNow < deadline);

        MirroredTopics.Produce(producer, [
            (RecoTopics.RecommendationUpdated, "ann", await MirroredTopics.ListAsync(registry, "ann", at, ["i1"], cancel)),
            (RecoTopics.RecommendationUpdated, "bob", await MirroredTopics.ListAsync(registry, "bob", at, ["i1"], cancel)),
            (RecoTopics.RecommendationUpdated, "ann", null),
            (RecoTopics.RecommendationUpdated, "bob", null),
            (RecoTopics.RecommendationUpdated, "bob", await MirroredTopics.ListAsync(registry, "bob", at.AddMinutes(1), ["i2"], cancel)),
        ]);
        var batch = await source.NextBatchAsync(cancel);

        Assert.Equal(["ann", "bob"], batch.ErasedUsers);
        var kept = Assert.Single(batch.Recommendations);
        Assert.Equal(("bob", "i2"), (kept.UserId, Assert.Single(kept.Items).Id));
    }

    [Fact]
    public async Task The_hosts_consumer_properties_leave_the_mirrors_group_manual_commits_earliest_reset_and_records_only()
    {
        using var cluster = new MockCluster();
        MirroredTopics.Create(cluster, App, partitions: 1);
        var cancel = TestContext.Current.CancellationToken;
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        var at = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            MirroredTopics.Produce(producer, [(RecoTopics.RecommendationUpdated, "ann", await MirroredTopics.ListAsync(registry, "ann", at, ["i1"], cancel))]);
        }

        var options = new MirrorOptions
        {
            MaxBatchDelay = TimeSpan.FromSeconds(1),
            ConsumerOverrides = new Dictionary<string, string>
            {
                ["group.id"] = "someone-elses",
                ["enable.auto.commit"] = "true",
                ["auto.offset.reset"] = "latest",
                ["enable.partition.eof"] = "true",
            },
        };
        using var source = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, NullLogger<KafkaSinkSource>.Instance);
        var recommendations = new List<Postgres.Rows.RecommendationRow>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (recommendations.Count == 0 && DateTime.UtcNow < deadline)
        {
            var batch = await source.NextBatchAsync(cancel);
            recommendations.AddRange(batch.Recommendations);
            await source.AcknowledgeAsync(batch);
        }

        Assert.Equal("ann", Assert.Single(recommendations).UserId);
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = MirrorOptions.GroupId(App) }).Build();
        var committed = reader.Committed([new TopicPartition(RecoTopics.RecommendationUpdated, 0)], TimeSpan.FromSeconds(10));
        Assert.Equal(1, Assert.Single(committed).Offset.Value);
    }
}
