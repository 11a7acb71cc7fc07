using Confluent.Kafka;
using RecoStreams.QueryApi.Ingestion;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

public sealed class PackagedLibrdkafkaTests
{
    /// <summary>
    /// The broker check builds its client with nothing of the streams runtime or the mock cluster touched first: run on
    /// its own it used to bind Confluent.Kafka to the system's librdkafka (a test process then mixed two libraries and crashed).
    /// </summary>
    [Fact]
    public void A_client_built_before_any_mock_cluster_maps_only_the_packaged_librdkafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/maps, which only Linux has");
        }

        Assert.Throws<KafkaException>(() => BrokerReachability.EnsureReachable("127.0.0.1:1", TimeSpan.FromSeconds(1)));

        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();
        var only = Assert.Single(mapped);
        Assert.StartsWith(AppContext.BaseDirectory, only, StringComparison.Ordinal);
    }
}
