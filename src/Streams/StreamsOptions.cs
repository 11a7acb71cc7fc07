using RecoStreams.Streams.Errors;

namespace RecoStreams.Streams;

public enum ProcessingGuarantee
{
    AtLeastOnce,
    ExactlyOnce,
}

/// <summary>Which built-in handler treats records that fail to deserialize or process.</summary>
public enum ErrorHandlerChoice
{
    /// <summary>Send them to the dead-letter topic and continue (default).</summary>
    DeadLetter,

    /// <summary>Stop the task with a clear error.</summary>
    Fail,
}

/// <summary>Settings of a streams application (Kafka Streams' StreamsConfig, typed).</summary>
public sealed class StreamsOptions
{
    private TimeSpan? _commitInterval;
    private string? _deadLetterTopic;

    public required string ApplicationId { get; init; }

    public string BootstrapServers { get; init; } = "localhost:9092";

    /// <summary>Root of local state; tasks live in {StateDirectory}/{ApplicationId}/{taskId}.</summary>
    public string StateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "recostreams");

    public int NumStreamThreads { get; init; } = 1;

    /// <summary>
    /// Static group membership (Kafka's group.instance.id, KIP-345; brokers 2.3+): each stream thread joins as
    /// "{GroupInstanceId}-{thread index}", so an instance restarted within the session timeout takes its
    /// partitions back at once instead of waiting for its old member to time out. The id must be unique per
    /// instance and stable across its restarts. A static member does not leave the group on a clean stop, so
    /// its partitions move only after the session timeout. Null (default): dynamic membership.
    /// </summary>
    public string? GroupInstanceId { get; init; }

    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>Defaults as in Kafka Streams: 30 s at-least-once, 100 ms exactly-once.</summary>
    public TimeSpan CommitInterval
    {
        get => _commitInterval ?? DefaultCommitInterval(ProcessingGuarantee);
        init => _commitInterval = value;
    }

    public static TimeSpan DefaultCommitInterval(ProcessingGuarantee guarantee) =>
        guarantee == ProcessingGuarantee.ExactlyOnce ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(30);

    /// <summary>Record cache budget shared by all stream threads of the instance (10 MB).</summary>
    public long CacheMaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>
    /// Memory one task may hold in stores whose writes wait for the commit (see
    /// <c>KeyValueStoreBuilder.WithWritesDeferredToCommit</c>); past it the task asks for an early commit. 16 MiB.
    /// </summary>
    public long DeferredWritesMaxBytesPerTask { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// host:port this instance serves interactive queries on. When set, the instance advertises it with its
    /// tasks, so every instance can tell which one hosts a key.
    /// </summary>
    public string? ApplicationServer { get; init; }

    /// <summary>How often an instance repeats its advertisement, besides on every assignment or state change.</summary>
    public TimeSpan InstanceHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After this long without an advertisement an instance counts as gone (it crashed without withdrawing).
    /// Compared against the advertiser's clock, so instance clocks must agree to well within it.
    /// </summary>
    public TimeSpan InstanceExpiry { get; init; } = TimeSpan.FromSeconds(10);

    public string DeadLetterTopic
    {
        get => _deadLetterTopic ?? $"{ApplicationId}-dlq";
        init => _deadLetterTopic = value;
    }

    public ErrorHandlerChoice ErrorHandler { get; init; } = ErrorHandlerChoice.DeadLetter;

    /// <summary>Overrides <see cref="ErrorHandler"/> for deserialization failures when set.</summary>
    public IDeserializationExceptionHandler? DeserializationExceptionHandler { get; init; }

    /// <summary>Overrides <see cref="ErrorHandler"/> for processing failures when set.</summary>
    public IProcessingExceptionHandler? ProcessingExceptionHandler { get; init; }

    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Replication factor of the internal (changelog and repartition) topics.</summary>
    public short ReplicationFactor { get; init; } = 1;

    /// <summary>
    /// Under at-least-once, a commit syncs the stores (an fsync each) and writes the checkpoint file only when
    /// the task's changelogs advanced by more than this many records since the last checkpoint; a clean close
    /// (shutdown, rebalance) always does. Kafka Streams' 10,000. A larger value saves fsyncs and makes a restart
    /// after a crash replay more of the changelog; 0 checkpoints at every commit that advanced a changelog.
    /// </summary>
    public long CheckpointOffsetDelta { get; init; } = DefaultCheckpointOffsetDelta;

    /// <summary>Kafka Streams' checkpoint threshold (OFFSET_DELTA_THRESHOLD_FOR_CHECKPOINT).</summary>
    public const long DefaultCheckpointOffsetDelta = 10_000;

    /// <summary>Each thread's share of <see cref="CacheMaxBytes"/>, as Kafka Streams divides it.</summary>
    public long CacheMaxBytesPerThread => CacheMaxBytes / Math.Max(1, NumStreamThreads);

    internal IDeserializationExceptionHandler EffectiveDeserializationHandler =>
        DeserializationExceptionHandler ?? (ErrorHandler == ErrorHandlerChoice.Fail ? FailExceptionHandler.Instance : DeadLetterExceptionHandler.Instance);

    internal IProcessingExceptionHandler EffectiveProcessingHandler =>
        ProcessingExceptionHandler ?? (ErrorHandler == ErrorHandlerChoice.Fail ? FailExceptionHandler.Instance : DeadLetterExceptionHandler.Instance);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApplicationId) || ApplicationId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new ArgumentException($"ApplicationId '{ApplicationId}' must be non-empty and use only [a-zA-Z0-9._-] (it prefixes topic names).");
        }

        if (NumStreamThreads < 1)
        {
            throw new ArgumentException($"NumStreamThreads must be at least 1, was {NumStreamThreads}.");
        }

        if (CommitInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"CommitInterval must be positive, was {CommitInterval}.");
        }

        if (CacheMaxBytes < 0)
        {
            throw new ArgumentException($"CacheMaxBytes must not be negative, was {CacheMaxBytes}.");
        }

        if (CheckpointOffsetDelta < 0)
        {
            throw new ArgumentException($"CheckpointOffsetDelta must not be negative, was {CheckpointOffsetDelta}.");
        }

        if (DeferredWritesMaxBytesPerTask <= 0)
        {
            throw new ArgumentException($"DeferredWritesMaxBytesPerTask must be positive, was {DeferredWritesMaxBytesPerTask}.");
        }

        if (InstanceHeartbeatInterval <= TimeSpan.Zero || InstanceExpiry <= InstanceHeartbeatInterval)
        {
            throw new ArgumentException(
                $"InstanceHeartbeatInterval must be positive and InstanceExpiry longer than it, were {InstanceHeartbeatInterval} and {InstanceExpiry}.");
        }

        if (ReplicationFactor < 1)
        {
            throw new ArgumentException($"ReplicationFactor must be at least 1, was {ReplicationFactor}.");
        }
    }
}
