namespace RecoStreams.Streams.Kafka.Application;

/// <summary>The life cycle of a <see cref="KafkaStreams"/> instance, as in Kafka Streams.</summary>
public enum KafkaStreamsState
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Joining the group, taking over partitions, restoring state: queries may miss data.</summary>
    Rebalancing,

    /// <summary>Every thread has its tasks restored and is processing.</summary>
    Running,

    /// <summary>Close was called: threads commit and stop.</summary>
    PendingShutdown,

    /// <summary>Closed cleanly.</summary>
    NotRunning,

    /// <summary>A thread died of an unrecoverable error; Close still releases resources.</summary>
    Error,
}
