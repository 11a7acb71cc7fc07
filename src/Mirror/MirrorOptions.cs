namespace RecoStreams.Mirror;

/// <summary>How the Postgres mirror reads Kafka.</summary>
public sealed class MirrorOptions
{
    /// <summary>Rows per SinkBatch at most: one transaction stays short and its unnest arrays small.</summary>
    public int MaxBatchRows { get; init; } = 1000;

    /// <summary>A batch is handed over after this long even when small, bounding the mirror's lag.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The half-life the topology decays affinities with (<c>AffinityOptions.HalfLife</c>): user_features
    /// holds each score decayed to the user's last engagement.
    /// </summary>
    public TimeSpan AffinityHalfLife { get; init; } = new Processors.Options.AffinityOptions().HalfLife;

    /// <summary>
    /// librdkafka properties for the mirror's consumer: the host's <c>Kafka:Consumer</c> section, the same the stream
    /// threads get (security, session timeout). Its group, manual commits, earliest reset and assignor stay the mirror's.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConsumerOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The mirror's consumer group: its own, so its progress is independent of the stream threads'.</summary>
    public static string GroupId(string applicationId) => $"{applicationId}-postgres-mirror";
}
