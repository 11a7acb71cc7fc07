namespace RecoStreams.Streams.Runtime;

/// <summary>
/// A changelog partition a task restores from. <see cref="CheckpointedOffset"/> is the offset of the last
/// changelog record already in the local store: restore from CheckpointedOffset + 1, or from the beginning
/// when null (no checkpoint, or an in-memory store that lost everything on restart).
/// </summary>
public sealed record ChangelogPartition(string Topic, int Partition, string StoreName, long? CheckpointedOffset);
