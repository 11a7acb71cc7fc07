using System.Globalization;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Topology;

namespace RecoStreams.Bench;

/// <summary>
/// `mock-cluster`: librdkafka's mock cluster in a process of its own, with every topic a host of the given
/// application id needs (external, internal and instance discovery) created up front, because the AdminClient's
/// CreateTopics hangs on the mock. A host started with --bootstrap-servers on it then runs as on the embedded
/// default, except that the broker's work leaves the host's process (bench/wrk/exposures.sh, RECO_EXTERNAL_MOCK).
/// Prints "bootstrap servers: ADDRESS" and runs until terminated.
/// </summary>
internal sealed class MockClusterCommand : IBenchmarkCommand
{
    public string Name => "mock-cluster";

    public async Task<int> RunAsync(string[] args)
    {
        var applicationId = RocksDbBenchSupport.OptionValue(args, "--application-id", "recostreams");
        var partitions = int.Parse(RocksDbBenchSupport.OptionValue(args, "--partitions", "6"), CultureInfo.InvariantCulture);
        var topics = new RecoTopics(applicationId);
        using var embedded = EmbeddedKafka.Start(topics, partitions);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), CancellationToken.None);
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = applicationId }, registry);
        using (var admin = embedded.CreateTopicAdmin())
        {
            InternalTopicManager.Prepare(reco.Topology.Describe(applicationId), admin);
            // Instance discovery's topic (InstanceDiscovery.TopicName, internal to the runtime).
            admin.EnsureTopics([new InternalTopicSpec(applicationId + "-instances", 1, new Dictionary<string, string>())]);
        }

        Console.WriteLine($"bootstrap servers: {embedded.BootstrapServers}");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
