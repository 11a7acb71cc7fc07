using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Producing;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Processor;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Producing;

public sealed class KafkaRecordCollectorTests
{
    private static IProducer<byte[]?, byte[]?> Producer(MockCluster cluster, TimeSpan? deliveryTimeout = null) =>
        new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Producer(
            new KafkaClientOptions { BootstrapServers = cluster.BootstrapServers, ApplicationId = "app", DeliveryTimeout = deliveryTimeout ?? TimeSpan.FromSeconds(10) },
            "collector-test")).Build();

    [Fact]
    public void Flush_reports_the_last_acknowledged_offset_of_every_partition()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("out", 2);
        using var producer = Producer(cluster);
        var collector = new KafkaRecordCollector(producer, TimeSpan.FromSeconds(10));

        for (var i = 0; i < 5; i++)
        {
            collector.Send("out", [1], [2], null, 1000, partition: 0);
        }

        collector.Send("out", [1], [2], null, 1000, partition: 1);
        collector.Flush();

        Assert.Equal(4, collector.AcknowledgedOffsets[("out", 0)]);
        Assert.Equal(0, collector.AcknowledgedOffsets[("out", 1)]);
    }

    [Fact]
    public void Keyed_records_without_a_partition_land_on_the_murmur2_partition_with_headers_and_timestamp()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("out", 5);
        using var producer = Producer(cluster);
        var collector = new KafkaRecordCollector(producer, TimeSpan.FromSeconds(10));
        var key = "user-42"u8.ToArray();

        collector.Send("out", key, [7], new RecordHeaders().Add("why", "test"), 123456, partition: null);
        collector.Flush();

        var expected = Murmur2Partitioner.Partition(key, 5);
        Assert.Equal([("out", expected)], collector.AcknowledgedOffsets.Keys);
        var record = ReadOne(cluster, new TopicPartition("out", expected));
        Assert.Equal(123456, record.Message.Timestamp.UnixTimestampMs);
        Assert.Equal("test"u8.ToArray(), record.Message.Headers.GetLastBytes("why"));
    }

    [Fact]
    public void A_failed_delivery_makes_flush_and_later_sends_throw()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("out", 1);
        using var producer = Producer(cluster, TimeSpan.FromSeconds(2));
        var collector = new KafkaRecordCollector(producer, TimeSpan.FromSeconds(2));

        // Partition 9 of a one-partition topic never becomes available: the delivery times out with an error.
        collector.Send("out", [1], [2], null, 0, partition: 9);

        var error = Assert.Throws<RecordDeliveryException>(collector.Flush);
        Assert.Contains("out[9]", error.Message);
        Assert.Throws<RecordDeliveryException>(() => collector.Send("out", [1], [2], null, 0, partition: 0));
    }

    private static ConsumeResult<byte[], byte[]> ReadOne(MockCluster cluster, TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "reader" }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        return consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("no record arrived");
    }
}
