using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Clients;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Clients;

public sealed class KafkaClientConfigsTests
{
    private static readonly KafkaClientOptions AtLeastOnce = new() { BootstrapServers = "b:9092", ApplicationId = "app" };

    [Fact]
    public void Main_consumer_joins_the_application_group_and_never_commits_by_itself()
    {
        var config = KafkaClientConfigs.MainConsumer(AtLeastOnce, "app-t0");

        Assert.Equal("app", config.GroupId);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
        Assert.False(config.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(IsolationLevel.ReadUncommitted, config.IsolationLevel);
    }

    [Fact]
    public void Static_membership_makes_each_stream_thread_its_own_static_member_and_is_off_by_default()
    {
        var options = AtLeastOnce with { GroupInstanceId = "reco-a" };

        Assert.Null(KafkaClientConfigs.MainConsumer(AtLeastOnce, "c").GroupInstanceId);
        Assert.Equal("reco-a-0", KafkaClientConfigs.MainConsumer(options, "c0", threadIndex: 0).GroupInstanceId);
        Assert.Equal("reco-a-1", KafkaClientConfigs.MainConsumer(options, "c1", threadIndex: 1).GroupInstanceId);
        Assert.Null(KafkaClientConfigs.RestoreConsumer(options, "r").GroupInstanceId);
    }

    [Fact]
    public void Exactly_once_consumers_read_committed()
    {
        var options = AtLeastOnce with { ExactlyOnce = true };

        Assert.Equal(IsolationLevel.ReadCommitted, KafkaClientConfigs.MainConsumer(options, "c").IsolationLevel);
        Assert.Equal(IsolationLevel.ReadCommitted, KafkaClientConfigs.RestoreConsumer(options, "r").IsolationLevel);
    }

    [Fact]
    public void Producer_is_idempotent_waits_for_all_replicas_and_partitions_like_java()
    {
        var config = KafkaClientConfigs.Producer(AtLeastOnce, "p", transactionalId: "app-0_1");

        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("app-0_1", config.TransactionalId);
        Assert.Equal(30000, config.MessageTimeoutMs);

        // KafkaRecordCollectorTests show the reports still carry topic, partition, offset and error.
        Assert.Equal("none", config.DeliveryReportFields);
    }

    [Fact]
    public void Overrides_win_over_defaults()
    {
        var options = AtLeastOnce with
        {
            ConsumerOverrides = new Dictionary<string, string> { ["auto.offset.reset"] = "latest" },
            ProducerOverrides = new Dictionary<string, string> { ["linger.ms"] = "50" },
        };

        Assert.Equal(AutoOffsetReset.Latest, KafkaClientConfigs.MainConsumer(options, "c").AutoOffsetReset);
        Assert.Equal(50, KafkaClientConfigs.Producer(options, "p").LingerMs);
    }
}
