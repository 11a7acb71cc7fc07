using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Mock;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Admin;

public sealed class MockTopicAdminTests
{
    [Fact]
    public void Ensure_topics_creates_missing_ones_and_leaves_existing_ones()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("input", 3);
        using var admin = new MockTopicAdmin(cluster);

        admin.EnsureTopics([Changelog("app-store-changelog", 3), Changelog("input", 3)]);
        admin.EnsureTopics([Changelog("app-store-changelog", 3)]);

        var counts = admin.PartitionCounts(["input", "app-store-changelog", "never-created"]);
        Assert.Equal(3, counts["input"]);
        Assert.Equal(3, counts["app-store-changelog"]);
        Assert.False(counts.ContainsKey("never-created"));
    }

    [Fact]
    public void Looking_up_a_missing_topic_does_not_create_it()
    {
        using var cluster = new MockCluster();
        using var admin = new MockTopicAdmin(cluster);

        Assert.Empty(admin.PartitionCounts(["ghost"]));
        Assert.Empty(admin.PartitionCounts(["ghost"]));
    }

    [Fact]
    public void Existing_internal_topic_with_another_partition_count_is_an_error()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("app-store-changelog", 2);
        using var admin = new MockTopicAdmin(cluster);

        var error = Assert.Throws<InvalidOperationException>(() => admin.EnsureTopics([Changelog("app-store-changelog", 4)]));

        Assert.Contains("app-store-changelog has 2 partitions, expected 4", error.Message);
    }

    private static InternalTopicSpec Changelog(string name, int partitions) =>
        new(name, partitions, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
}
