namespace RecoStreams.Streams.Kafka.Clients;

/// <summary>
/// What the Kafka transport needs to build its clients. Kafka Streams derives every client's settings
/// from the application config; the overrides play the role of its "consumer."/"producer."/"admin." prefixes
/// and win over the defaults chosen here.
/// </summary>
public sealed record KafkaClientOptions
{
    public required string BootstrapServers { get; init; }

    /// <summary>The consumer group id and the prefix of every internal topic and transactional id.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>Transactions per task and read_committed consumers instead of at-least-once.</summary>
    public bool ExactlyOnce { get; init; }

    /// <summary>
    /// True when some subtopology reads several topics. Its task needs partition N of every one of them on
    /// the same member, which cooperative-sticky (balancing each partition independently) does not
    /// guarantee; the range assignor gives equal partition numbers of equally partitioned topics to the
    /// same member, at the price of eager (stop-the-world) rebalances.
    /// </summary>
    public bool CoPartitionedSources { get; init; }

    /// <summary>Kept small: the runtime flushes on every commit anyway, so batching longer only adds latency.</summary>
    public int LingerMs { get; init; } = 5;

    /// <summary>Upper bound for a record's delivery (message.timeout.ms); a Flush never waits much longer.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Static membership: the stream threads' group.instance.id prefix (see StreamsOptions.GroupInstanceId).</summary>
    public string? GroupInstanceId { get; init; }

    /// <summary>Replication factor of internal topics created on a real cluster; -1 = broker default (Kafka 2.4+).</summary>
    public short InternalTopicReplicationFactor { get; init; } = -1;

    public IReadOnlyDictionary<string, string> ConsumerOverrides { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ProducerOverrides { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AdminOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The client settings implied by an application's <see cref="StreamsOptions"/>.</summary>
    public static KafkaClientOptions From(StreamsOptions options) => new()
    {
        BootstrapServers = options.BootstrapServers,
        ApplicationId = options.ApplicationId,
        ExactlyOnce = options.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnce,
        InternalTopicReplicationFactor = options.ReplicationFactor,
        GroupInstanceId = options.GroupInstanceId,
    };
}
