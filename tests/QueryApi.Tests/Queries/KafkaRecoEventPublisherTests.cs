using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Queries;

public sealed class KafkaRecoEventPublisherTests
{
    [Fact]
    public async Task A_second_dispose_does_nothing_since_the_host_owns_the_publisher_as_both_event_and_refresh_publisher()
    {
        using var cluster = new MockCluster();
        var topics = new RecoTopics("publisher-test");
        cluster.CreateTopic(topics.RefreshRequests, 2);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var publisher = new KafkaRecoEventPublisher(
            new StreamsOptions { ApplicationId = topics.ApplicationId, BootstrapServers = cluster.BootstrapServers }, topics, registry, TimeProvider.System);
        await publisher.PublishRefreshAsync("ann", TestContext.Current.CancellationToken);

        publisher.Dispose();

        Assert.Null(Record.Exception(publisher.Dispose));
    }
}
