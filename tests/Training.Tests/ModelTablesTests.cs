using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Hosting.Http;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.Training.Tests;

/// <summary>The model tables over a real <see cref="KafkaStreams"/> on librdkafka's mock cluster.</summary>
public sealed class ModelTablesTests
{
    [Fact]
    public async Task Reading_the_tables_before_the_application_runs_is_a_retryable_503_naming_the_state()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = "reco-model-tables-test", StateStores = StateStoreKind.InMemory }, registry);
        using var cluster = new MockCluster();
        var options = new StreamsOptions
        {
            ApplicationId = "reco-model-tables-test",
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = Path.Combine(Path.GetTempPath(), "reco-model-tables-" + Guid.NewGuid().ToString("N")),
        };
        using var streams = new KafkaStreams(reco.Topology, options, KafkaClientOptions.From(options), new MockTopicAdmin(cluster)) { Log = _ => { } };
        var tables = new ModelTables(streams);

        var versions = Assert.Throws<ServiceUnavailableException>(() => tables.Versions());
        var activation = Assert.Throws<ServiceUnavailableException>(() => tables.Activation());

        Assert.Contains("Created", versions.Message, StringComparison.Ordinal);
        Assert.Equal(QueryUnavailable.RetryAfter, versions.RetryAfter);
        Assert.Equal(versions.Message, activation.Message);
    }
}
