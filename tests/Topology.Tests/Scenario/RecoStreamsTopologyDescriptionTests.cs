using RecoStreams.Avro.Registry.Embedded;
using Xunit;

namespace RecoStreams.Topology.Tests.Scenario;

public sealed class RecoStreamsTopologyDescriptionTests
{
    private const string App = "reco";

    private static async Task<RecoStreams.Streams.TopologyDescription> DescribeAsync()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        return RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = App, StateStores = StateStoreKind.InMemory }, registry)
            .Topology.Describe(App);
    }

    [Fact]
    public async Task Describes_a_by_user_and_a_by_item_subtopology_joined_by_the_item_repartition_topic()
    {
        var description = await DescribeAsync();

        Assert.Equal(4, description.Subtopologies.Count);
        var byUser = description.Subtopologies.Single(s => s.SourceTopics.Contains(RecoTopics.EngagementEvents));
        var byItem = description.Subtopologies.Single(s => s.RepartitionSourceTopics.Contains($"{App}-by-item-repartition"));
        var topics = new RecoTopics(App);

        Assert.Equal([RecoTopics.EngagementEvents, topics.EraseRequests, topics.RefreshRequests], byUser.SourceTopics.Order(StringComparer.Ordinal));
        Assert.Contains(RecoTopics.RecommendationUpdated, byUser.SinkTopics);
        Assert.Contains(RecoTopics.EngagementEventsDeadLetter, byUser.SinkTopics);
        Assert.Equal($"{App}-by-item-repartition", Assert.Single(byItem.RepartitionSourceTopics));
        Assert.Contains($"{App}-by-item-repartition", byUser.SinkTopics);
        Assert.Equal([topics.ItemStats], byItem.SinkTopics);

        Assert.Equal(
            [
                RecoStoreNames.DirtyUsers,
                RecoStoreNames.EraseWatermarks,
                RecoStoreNames.EventIds,
                RecoStoreNames.PendingEnrichment,
                RecoStoreNames.Recommendations,
                RecoStoreNames.Profiles,
            ],
            byUser.Stores.Order(StringComparer.Ordinal));
        Assert.Contains(RecoStoreNames.ItemAggregates, byItem.Stores);
        Assert.Contains(RecoStoreNames.Popularity("1h"), byItem.Stores);
        Assert.Contains(RecoStoreNames.Popularity("24h"), byItem.Stores);
        Assert.Contains($"{App}-{RecoStoreNames.Profiles}-changelog", byUser.ChangelogTopics.Select(t => t.Name));
    }

    [Fact]
    public async Task Erases_in_the_by_user_subtopology_and_writes_the_audit_list_and_consent_tombstones()
    {
        var description = await DescribeAsync();

        var byUser = description.Subtopologies.Single(s => s.SourceTopics.Contains(RecoTopics.EngagementEvents));
        var topics = new RecoTopics(App);
        Assert.Contains(topics.EraseRequests, byUser.SourceTopics);
        Assert.Contains(RecoTopics.UserErased, byUser.SinkTopics);
        Assert.Contains(topics.Consents, byUser.SinkTopics);
        Assert.Contains($"{App}-{RecoStoreNames.EraseWatermarks}-changelog", byUser.ChangelogTopics.Select(t => t.Name));
    }

    [Fact]
    public async Task Describes_the_catalog_item_stats_models_experiments_and_consents_as_global_stores()
    {
        var description = await DescribeAsync();

        var globals = description.GlobalStores.ToDictionary(g => g.StoreName, g => g.Topic);
        Assert.Equal(5, globals.Count);
        Assert.Equal(new RecoTopics(App).Consents, globals[RecoStoreNames.Consents]);
        Assert.Equal(RecoTopics.CatalogItems, globals[RecoStoreNames.Catalog]);
        Assert.Equal(new RecoTopics(App).ItemStats, globals[RecoStoreNames.ItemStats]);
        Assert.Equal(new RecoTopics(App).Models, globals[RecoStoreNames.Models]);
        Assert.Equal(new RecoTopics(App).Experiments, globals[RecoStoreNames.Experiments]);
    }

    [Fact]
    public async Task Describes_attribution_as_a_join_of_exposures_and_feedback_by_request_and_counts_by_experiment()
    {
        var description = await DescribeAsync();

        var attribution = description.Subtopologies.Single(s => s.SourceTopics.Contains(RecoTopics.RecommendationServed));
        Assert.Equal([RecoTopics.RecommendationFeedback, RecoTopics.RecommendationServed], attribution.SourceTopics.Order(StringComparer.Ordinal));
        Assert.Equal(
            [$"{App}-attribution-left-repartition", $"{App}-attribution-right-repartition"],
            attribution.RepartitionSourceTopics.Order(StringComparer.Ordinal));
        Assert.Equal(["attribution-other-join", "attribution-outer-join", "attribution-this-join"], attribution.Stores.Order(StringComparer.Ordinal));
        Assert.Contains($"{App}-by-user-repartition", attribution.SinkTopics);
        Assert.Contains($"{App}-by-experiment-repartition", attribution.SinkTopics);

        var counts = description.Subtopologies.Single(s => s.RepartitionSourceTopics.Contains($"{App}-by-experiment-repartition"));
        Assert.Equal([RecoStoreNames.ExperimentCounts], counts.Stores);
        Assert.Contains($"{App}-{RecoStoreNames.ExperimentCounts}-changelog", counts.ChangelogTopics.Select(t => t.Name));
    }
}
