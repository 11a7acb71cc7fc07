using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;
using Xunit;

namespace RecoStreams.Ingestion.Tests;

public sealed class BrokerReachabilityTests
{
    // The packaged librdkafka, as the host loads it at start-up (Program.cs).
    static BrokerReachabilityTests() => LibrdkafkaLoader.EnsureLoaded();

    [Fact]
    public void An_unreachable_broker_fails_within_the_timeout_naming_the_servers()
    {
        var e = Assert.Throws<KafkaException>(() => BrokerReachability.EnsureReachable("127.0.0.1:1", TimeSpan.FromSeconds(2)));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("--bootstrap-servers", e.Message, StringComparison.Ordinal);
    }
}
