using System.Text;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Consuming;

/// <summary><see cref="TopicReadToEnd"/> on librdkafka's mock cluster.</summary>
public sealed class TopicReadToEndTests
{
    private const string Topic = "read-to-end";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Records_produced_after_the_start_are_left_out()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, 2);
        TopicIo.Produce(cluster, Topic, Records("before", (0, 5), (1, 3)));
        using var producer = TopicIo.Producer(cluster);

        var read = ReadValues(cluster, result =>
        {
            // Once the read has begun, both partitions grow past the ends taken at the start.
            if (result.Offset.Value == 0 && result.Partition.Value == 0)
            {
                foreach (var (partition, key, value) in Records("after", (0, 4), (1, 4)))
                {
                    producer.Produce(new TopicPartition(Topic, partition), new Message<byte[]?, byte[]?> { Key = key, Value = value });
                }

                Assert.Equal(0, producer.Flush(Timeout));
            }
        });

        Assert.Equal(Values("before", (0, 5), (1, 3)), read.Order());
        Assert.Equal((9L, 7L), (Watermarks(cluster, 0).High.Value, Watermarks(cluster, 1).High.Value));
    }

    [Fact]
    public void An_empty_partition_and_one_whose_records_all_expired_end_at_once()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, 4);
        TopicIo.Produce(cluster, Topic, Records("r", (0, 3), (2, 4), (3, 5)));
        cluster.DeleteRecords(Topic, 2, 4);
        cluster.DeleteRecords(Topic, 3, 2);
        Assert.Equal((4L, 4L), (Watermarks(cluster, 2).Low.Value, Watermarks(cluster, 2).High.Value));

        var read = ReadValues(cluster, _ => { });

        Assert.Equal(["r-0-0", "r-0-1", "r-0-2", "r-3-2", "r-3-3", "r-3-4"], read.Order());
    }

    [Fact]
    public void A_partition_ending_in_a_transaction_commit_marker_is_read_to_its_end()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, 2);
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            TransactionalId = "read-to-end-" + Guid.NewGuid().ToString("N"),
        }).Build())
        {
            producer.InitTransactions(Timeout);
            producer.BeginTransaction();
            foreach (var (partition, key, value) in Records("committed", (0, 3), (1, 2)))
            {
                producer.Produce(new TopicPartition(Topic, partition), new Message<byte[]?, byte[]?> { Key = key, Value = value });
            }

            producer.CommitTransaction(Timeout);
        }

        // The premise: the marker takes the last offset, so no record has offset + 1 = high watermark.
        Assert.Equal(4L, Watermarks(cluster, 0).High.Value);
        Assert.Equal(3L, Watermarks(cluster, 1).High.Value);

        var read = ReadValues(cluster, _ => { });

        Assert.Equal(Values("committed", (0, 3), (1, 2)), read.Order());
    }

    [Fact]
    public void Given_starts_read_from_their_offsets_and_a_start_at_the_end_reads_nothing()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, 3);
        TopicIo.Produce(cluster, Topic, Records("r", (0, 10), (1, 3), (2, 4)));
        cluster.DeleteRecords(Topic, 2, 2);
        var offsets = new List<(int Partition, long Offset)>();

        TopicReadToEnd.Read<byte[]?>(
            cluster.BootstrapServers,
            "read-to-end-test",
            [new(Topic, 0, 6), new(Topic, 1, 3), new(Topic, 2, 0)],
            IsolationLevel.ReadUncommitted,
            Timeout,
            result => offsets.Add((result.Partition.Value, result.Offset.Value)),
            TestContext.Current.CancellationToken);

        Assert.Equal([(0, 6L), (0, 7L), (0, 8L), (0, 9L), (2, 2L), (2, 3L)], offsets.Order());
    }

    private static List<string> ReadValues(MockCluster cluster, Action<ConsumeResult<byte[]?, byte[]?>> alsoOnRecord)
    {
        var values = new List<string>();
        TopicReadToEnd.Read<byte[]?>(
            cluster.BootstrapServers,
            "read-to-end-test",
            Topic,
            Timeout,
            result =>
            {
                values.Add(Encoding.UTF8.GetString(result.Message.Value!));
                alsoOnRecord(result);
            },
            TestContext.Current.CancellationToken);
        return values;
    }

    private static WatermarkOffsets Watermarks(MockCluster cluster, int partition)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "watermarks" }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(Topic, partition), Timeout);
    }

    private static IEnumerable<(int Partition, byte[]? Key, byte[]? Value)> Records(string prefix, params (int Partition, int Count)[] counts) =>
        counts.SelectMany(c => Enumerable.Range(0, c.Count).Select(i =>
            (c.Partition, (byte[]?)Encoding.UTF8.GetBytes($"k{i}"), (byte[]?)Encoding.UTF8.GetBytes($"{prefix}-{c.Partition}-{i}"))));

    private static IEnumerable<string> Values(string prefix, params (int Partition, int Count)[] counts) =>
        Records(prefix, counts).Select(r => Encoding.UTF8.GetString(r.Value!)).Order();
}
