using Confluent.Kafka;

namespace RecoStreams.Streams.Kafka.Clients;

/// <summary>The client configurations of a streams application, one method per role (as Kafka Streams' StreamsConfig).</summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// The stream thread's group consumer. Offsets are committed only by the runtime after stores flush;
    /// cooperative-sticky keeps unaffected partitions processing during a rebalance, unless a subtopology
    /// reads several topics (see <see cref="KafkaClientOptions.CoPartitionedSources"/>). With static membership
    /// each thread is its own static member, "{GroupInstanceId}-{threadIndex}".
    /// </summary>
    public static ConsumerConfig MainConsumer(KafkaClientOptions options, string clientId, int threadIndex = 0)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.ApplicationId,
            ClientId = clientId,
            PartitionAssignmentStrategy = options.CoPartitionedSources
                ? PartitionAssignmentStrategy.Range
                : PartitionAssignmentStrategy.CooperativeSticky,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = options.ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
            EnablePartitionEof = false,
            GroupInstanceId = options.GroupInstanceId is { } instance ? $"{instance}-{threadIndex}" : null,
        };
        return Apply(config, options.ConsumerOverrides);
    }

    /// <summary>
    /// A group-less consumer that reads changelog or global topics by explicit assignment. It reads
    /// read_committed under exactly-once so aborted writes of a crashed task are never restored.
    /// </summary>
    public static ConsumerConfig RestoreConsumer(KafkaClientOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            // librdkafka wants a group id even for assign-only consumers; nothing is ever committed under it.
            GroupId = options.ApplicationId + "-restore",
            ClientId = clientId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = options.ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
            EnablePartitionEof = true,
        };
        return Apply(config, options.ConsumerOverrides);
    }

    /// <summary>
    /// Producer for sinks, repartition topics and changelogs. murmur2_random places keyed records where
    /// Java producers would; with a transactional id it becomes a task's exactly-once producer.
    /// </summary>
    public static ProducerConfig Producer(KafkaClientOptions options, string clientId, string? transactionalId = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.LingerMs,
            Partitioner = Partitioner.Murmur2Random,
            MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds,
            TransactionalId = transactionalId,

            // Every reader of a report here takes its error, topic, partition and offset only; the default ("all")
            // copied each record's headers (and timestamp and status) back into a new Headers list per record.
            DeliveryReportFields = "none",
        };
        return Apply(config, options.ProducerOverrides);
    }

    public static AdminClientConfig Admin(KafkaClientOptions options, string clientId) =>
        Apply(new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = clientId }, options.AdminOverrides);

    private static T Apply<T>(T config, IReadOnlyDictionary<string, string> overrides)
        where T : ClientConfig
    {
        foreach (var (key, value) in overrides)
        {
            config.Set(key, value);
        }

        return config;
    }
}
