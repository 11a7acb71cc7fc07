using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Mock;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Mock;

public sealed class MockClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Created_topic_reports_the_requested_partition_count()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("six", 6);
        cluster.CreateTopic("one", 1);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(6, metadata.Topics.Single(t => t.Topic == "six").Partitions.Count);
        Assert.Single(metadata.Topics.Single(t => t.Topic == "one").Partitions);
    }

    [Fact]
    public void Records_produced_to_every_partition_are_consumed_back_in_order()
    {
        const int partitions = 4;
        const int perPartition = 25;
        using var cluster = new MockCluster();
        cluster.CreateTopic("round-trip", partitions);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var p = 0; p < partitions; p++)
            {
                for (var i = 0; i < perPartition; i++)
                {
                    producer.Produce(new TopicPartition("round-trip", p), new Message<string, string> { Key = $"k{p}", Value = $"{p}:{i}" });
                }
            }

            Assert.Equal(0, producer.Flush(Timeout));
        }

        var seen = new Dictionary<int, List<string>>();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "round-trip-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("round-trip");
        var deadline = DateTime.UtcNow + Timeout;
        while (seen.Values.Sum(v => v.Count) < partitions * perPartition && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                (seen.TryGetValue(result.Partition.Value, out var list) ? list : seen[result.Partition.Value] = []).Add(result.Message.Value);
            }
        }

        consumer.Close();
        Assert.Equal(partitions, seen.Count);
        foreach (var (partition, values) in seen)
        {
            Assert.Equal(Enumerable.Range(0, perPartition).Select(i => $"{partition}:{i}"), values);
        }
    }

    [Fact]
    public void Two_clusters_in_one_process_are_independent()
    {
        using var first = new MockCluster();
        using var second = new MockCluster(brokerCount: 3);

        Assert.NotEqual(first.BootstrapServers, second.BootstrapServers);
        Assert.Equal(3, second.BootstrapServers.Split(',').Length);
    }

    [Fact]
    public void Creating_a_topic_after_dispose_throws()
    {
        var cluster = new MockCluster();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }
}
