using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Topology;

public sealed class TopologyDescribeTests
{
    private static Streams.Topology RecommendationShapedTopology()
    {
        var topology = new Streams.Topology();
        var byItem = topology.AddRepartitionTopic("by-item");
        topology.AddSource("events", "engagement-events", Serdes.String, Serdes.String)
            .AddProcessor("profile", Processors.PassThrough<string, string>(), "events")
            .AddSink("to-by-item", byItem, Serdes.String, Serdes.String, "profile")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("profiles"), Serdes.String, Serdes.String), "profile")
            .AddSource("items", byItem, Serdes.String, Serdes.String)
            .AddProcessor("popularity", Processors.PassThrough<string, string>(), "items")
            .AddSink("stats", "item-stats", Serdes.String, Serdes.String, "popularity")
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("catalog"), Serdes.String, Serdes.String).WithLoggingDisabled(),
                "catalog-source",
                "catalog-items",
                Serdes.String,
                Serdes.String,
                "catalog-updater",
                Processors.PassThrough<string, string>());
        return topology;
    }

    [Fact]
    public void Describe_prints_subtopologies_and_global_stores_in_kafka_streams_format()
    {
        var text = RecommendationShapedTopology().Describe().ToString();

        // Source names sorted: catalog-source (0, global), events (1), items (2).
        const string expected =
            "Topologies:\n" +
            "   Sub-topology: 0 for global store (will not generate tasks)\n" +
            "    Source: catalog-source (topics: [catalog-items])\n" +
            "      --> catalog-updater\n" +
            "    Processor: catalog-updater (stores: [catalog])\n" +
            "      --> none\n" +
            "      <-- catalog-source\n" +
            "  Sub-topology: 1\n" +
            "    Source: events (topics: [engagement-events])\n" +
            "      --> profile\n" +
            "    Processor: profile (stores: [profiles])\n" +
            "      --> to-by-item\n" +
            "      <-- events\n" +
            "    Sink: to-by-item (topic: by-item-repartition)\n" +
            "      <-- profile\n" +
            "\n" +
            "  Sub-topology: 2\n" +
            "    Source: items (topics: [by-item-repartition])\n" +
            "      --> popularity\n" +
            "    Processor: popularity (stores: [])\n" +
            "      --> stats\n" +
            "      <-- items\n" +
            "    Sink: stats (topic: item-stats)\n" +
            "      <-- popularity\n" +
            "\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Description_lists_internal_topics_with_configs_and_resolves_repartition_partitions_from_upstream()
    {
        var description = RecommendationShapedTopology().Describe("reco");

        var byUser = description.Subtopologies.Single(s => s.Id == 1);
        var changelog = Assert.Single(byUser.ChangelogTopics);
        Assert.Equal("reco-profiles-changelog", changelog.Name);
        Assert.Equal("compact", changelog.Config["cleanup.policy"]);
        Assert.Equal(["reco-by-item-repartition"], byUser.SinkTopics);

        var byItem = description.Subtopologies.Single(s => s.Id == 2);
        var repartition = Assert.Single(byItem.RepartitionTopics);
        Assert.Equal("reco-by-item-repartition", repartition.Name);
        Assert.Equal(1, repartition.UpstreamSubtopology);
        Assert.Empty(byItem.SourceTopics);

        var counts = description.ResolvePartitionCounts(topic => topic == "engagement-events" ? 6 : throw new ArgumentException(topic));
        Assert.Equal(6, counts["reco-by-item-repartition"]);
        Assert.Equal(6, counts["reco-profiles-changelog"]);

        var global = Assert.Single(description.GlobalStores);
        Assert.Equal(("catalog-items", "catalog"), (global.Topic, global.StoreName));
    }

    [Fact]
    public void A_repartition_topic_a_subtopology_writes_and_reads_itself_gets_the_count_of_its_other_sources()
    {
        var topology = new Streams.Topology();
        var again = topology.AddRepartitionTopic("again");
        topology
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.PassThrough<string, string>(), "s")
            .AddSink("again-sink", again, Serdes.String, Serdes.String, "p")
            .AddSource("again-source", again, Serdes.String, Serdes.String)
            .AddProcessor("q", Processors.PassThrough<string, string>(), "p", "again-source");

        var description = topology.Describe("app");
        var counts = description.ResolvePartitionCounts(topic => topic == "in" ? 5 : throw new ArgumentException(topic));

        Assert.Single(description.Subtopologies);
        Assert.Equal(5, counts["app-again-repartition"]);
    }

    [Fact]
    public void Window_store_changelogs_are_compacted_and_deleted_after_retention_plus_a_day()
    {
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.PassThrough<string, string>(), "s");
        topology.AddStateStore(
            Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("w", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)), Serdes.String, Serdes.Long),
            "p");

        var changelog = Assert.Single(topology.Describe("app").Subtopologies.Single().ChangelogTopics);

        Assert.Equal("compact,delete", changelog.Config["cleanup.policy"]);
        Assert.Equal((3_600_000L + 86_400_000L).ToString(System.Globalization.CultureInfo.InvariantCulture), changelog.Config["retention.ms"]);
    }
}
