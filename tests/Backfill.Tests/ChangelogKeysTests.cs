using System.Text;
using Confluent.Kafka;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.Backfill.Tests;

/// <summary>The backfill verb's Kafka side on librdkafka's mock cluster.</summary>
public sealed class ChangelogKeysTests
{
    private const int Partitions = 3;

    [Fact]
    public void Live_keys_are_those_whose_latest_record_is_not_a_tombstone()
    {
        using var cluster = new MockCluster();
        const string topic = "app-user-profiles-changelog";
        cluster.CreateTopic(topic, Partitions);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            foreach (var (key, value) in new[] { ("alice", "v1"), ("bob", "v1"), ("carol", "v1"), ("bob", null), ("alice", "v2"), ("dave", null) })
            {
                producer.Produce(topic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value is null ? null : Encoding.UTF8.GetBytes(value) });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        var keys = ChangelogKeys.Read(cluster.BootstrapServers, topic, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["alice", "carol"], keys);
    }

    [Fact]
    public void A_changelog_written_in_transactions_is_read_past_its_commit_markers()
    {
        using var cluster = new MockCluster();
        const string topic = "eos-user-profiles-changelog";
        cluster.CreateTopic(topic, Partitions);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            TransactionalId = "changelog-keys-" + Guid.NewGuid().ToString("N"),
        }).Build())
        {
            // As under exactly-once: every partition written to ends with a commit marker, not a record.
            producer.InitTransactions(TimeSpan.FromSeconds(10));
            foreach (var transaction in new (string Key, string? Value)[][] { [("alice", "v1"), ("bob", "v1")], [("bob", null), ("carol", "v1")] })
            {
                producer.BeginTransaction();
                foreach (var (key, value) in transaction)
                {
                    producer.Produce(topic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value is null ? null : Encoding.UTF8.GetBytes(value) });
                }

                producer.CommitTransaction(TimeSpan.FromSeconds(10));
            }
        }

        var keys = ChangelogKeys.Read(cluster.BootstrapServers, topic, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["alice", "carol"], keys);
    }

    [Fact]
    public void An_empty_changelog_has_no_users()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("empty-changelog", Partitions);

        Assert.Empty(ChangelogKeys.Read(cluster.BootstrapServers, "empty-changelog", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refresh_requests_land_in_the_users_partition_and_decode()
    {
        using var cluster = new MockCluster();
        var topics = new RecoTopics("app");
        cluster.CreateTopic(topics.RefreshRequests, Partitions);
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        using (var publisher = new KafkaRefreshPublisher(cluster.BootstrapServers, topics, new FixedTime(at)))
        {
            await publisher.PublishRefreshAsync("user-7", TestContext.Current.CancellationToken);
        }

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "check" }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topics.RefreshRequests, p, Offset.Beginning)));
        var record = consumer.Consume(TimeSpan.FromSeconds(10));

        Assert.NotNull(record);
        Assert.Equal(Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes("user-7"), Partitions), record.Partition.Value);
        var request = new RefreshRequestSerde().Deserialize(record.Message.Value, new SerdeContext(topics.RefreshRequests, IsKey: false));
        Assert.Equal(new RefreshRequest("user-7", at), request);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
