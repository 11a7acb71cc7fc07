using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Restore;

/// <summary>
/// One partition to replay into a store: from just after <paramref name="CheckpointedOffset"/> (the last
/// offset already in the local store) or from the beginning, up to the end offset seen when restoring starts.
/// </summary>
public sealed record RestorePartition(
    string Topic,
    int Partition,
    string StoreName,
    long? CheckpointedOffset,
    Action<IReadOnlyList<ConsumedRecord>> ApplyBatch);
