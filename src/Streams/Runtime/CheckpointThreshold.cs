namespace RecoStreams.Streams.Runtime;

/// <summary>
/// When a commit also writes the checkpoint file (and so syncs the stores first): when it is enforced (close,
/// rebalance) or when the changelogs advanced by more than a threshold of records since the last checkpoint,
/// as Kafka Streams' StateManagerUtil.checkpointNeeded does with 10,000. A checkpoint only shortens the next
/// restore, and the sync it needs is one fsync per store, the largest fixed cost of a commit.
/// </summary>
internal static class CheckpointThreshold
{
    /// <param name="enforce">Write regardless of the delta (a close).</param>
    /// <param name="lastCheckpoint">Offsets in the last checkpoint written (or read at start); a partition missing from it counts from 0.</param>
    /// <param name="current">Offsets now known to be in the stores.</param>
    /// <param name="threshold">Records of advance, summed over partitions, that a commit must exceed; 0 writes at every commit that advanced.</param>
    public static bool Needed(
        bool enforce,
        IReadOnlyDictionary<(string Topic, int Partition), long> lastCheckpoint,
        IReadOnlyDictionary<(string Topic, int Partition), long> current,
        long threshold)
    {
        if (enforce)
        {
            return true;
        }

        long delta = 0;
        foreach (var (partition, offset) in current)
        {
            delta += offset - lastCheckpoint.GetValueOrDefault(partition);
        }

        return delta > threshold;
    }
}
