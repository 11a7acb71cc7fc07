using Confluent.Kafka;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.Ingestion.Tests;

public sealed class BrokerReachabilityTests
{
    [Fact]
    public void An_unreachable_broker_fails_within_the_timeout_naming_the_servers()
    {
        var e = Assert.Throws<KafkaException>(() => BrokerReachability.EnsureReachable("127.0.0.1:1", TimeSpan.FromSeconds(2)));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("--bootstrap-servers", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The broker check builds its client with nothing of the streams runtime or the mock cluster touched first: before
    /// tests/Shared/PackagedLibrdkafka.cs, this bound Confluent.Kafka to the system's librdkafka (a test process then
    /// mixed two libraries and crashed).
    /// </summary>
    [Fact]
    public void A_client_built_before_any_mock_cluster_maps_only_the_packaged_librdkafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/maps, which only Linux has");
        }

        Assert.Throws<KafkaException>(() => BrokerReachability.EnsureReachable("127.0.0.1:1", TimeSpan.FromSeconds(1)));

        var mapped = MappedLibraries.Named("librdkafka");
        var only = Assert.Single(mapped);
        Assert.StartsWith(AppContext.BaseDirectory, only, StringComparison.Ordinal);
    }
}
