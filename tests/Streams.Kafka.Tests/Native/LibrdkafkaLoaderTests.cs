using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Native;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Native;

public sealed class LibrdkafkaLoaderTests
{
    [Fact]
    public void Confluent_Kafka_runs_on_the_librdkafka_its_package_ships()
    {
        LibrdkafkaLoader.EnsureLoaded();

        Assert.Equal(Version.Parse("2.16.0"), Version.Parse(Confluent.Kafka.Library.VersionString));
    }

    [Fact]
    public void Client_and_mock_cluster_map_only_the_packaged_librdkafka_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/maps, which only Linux has");
        }

        using var cluster = new MockCluster();
        Assert.Equal(Version.Parse("2.16.0"), Version.Parse(Confluent.Kafka.Library.VersionString));

        var mapped = MappedLibraries.Named("librdkafka");

        var only = Assert.Single(mapped);
        Assert.StartsWith(AppContext.BaseDirectory, only, StringComparison.Ordinal);
    }
}
