using System.Text;
using Confluent.Kafka;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Partitioning;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Partitioning;

public sealed class Murmur2PartitionerTests
{
    // Values that Java's org.apache.kafka.common.utils.Utils.murmur2 returns (Kafka's UtilsTest and
    // other clients' test suites check the same numbers).
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    [InlineData("1", -1993445489)]
    [InlineData("12", 126087238)]
    [InlineData("123", -267702483)]
    [InlineData("1234", -1614185708)]
    [InlineData("12345", -1188365604)]
    public void Hash_matches_the_java_client(string key, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void To_positive_clears_the_sign_bit_instead_of_negating()
    {
        Assert.Equal(0, Murmur2.ToPositive(int.MinValue));
        Assert.Equal(int.MaxValue, Murmur2.ToPositive(-1));
        Assert.Equal(5, Murmur2.ToPositive(5));
    }

    [Fact]
    public void Partition_is_always_within_range() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<byte[]>(),
            Arb.From(Gen.Choose(1, 1000)),
            (key, partitions) =>
            {
                var partition = Murmur2Partitioner.Partition(key, partitions);
                return partition >= 0 && partition < partitions;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Partition_is_the_positive_hash_modulo_the_partition_count()
    {
        // "foobar" hashes to -790332482; toPositive gives 1357151166, and 1357151166 % 12 = 6.
        Assert.Equal(6, Murmur2Partitioner.Partition("foobar"u8, 12));
    }

    [Fact]
    public async Task Agrees_with_librdkafka_murmur2_random_partitioner()
    {
        const int partitions = 7;
        using var cluster = new MockCluster();
        cluster.CreateTopic("keyed", partitions);
        var keys = Gen.Sample(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)), 200).Where(k => k.Length > 0).Distinct().ToList();

        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var delivered = await Task.WhenAll(keys.Select(k => producer.ProduceAsync("keyed", new Message<byte[], byte[]> { Key = k, Value = [] })))
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.All(delivered, d => Assert.Equal(Murmur2Partitioner.Partition(d.Message.Key, partitions), d.Partition.Value));
        Assert.True(delivered.Select(d => d.Partition.Value).Distinct().Count() > 1, "random keys should spread over partitions");
    }
}
