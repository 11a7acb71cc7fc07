namespace RecoStreams.Streams.Kafka.Restore;

/// <summary>
/// Progress of changelog and global-topic restoration (Kafka Streams' StateRestoreListener). Called on
/// the restoring thread: keep it fast.
/// </summary>
public interface IStateRestoreListener
{
    void OnRestoreStart(string topic, int partition, string storeName, long startingOffset, long endingOffset);

    void OnBatchRestored(string topic, int partition, string storeName, long batchEndOffset, int batchSize);

    void OnRestoreEnd(string topic, int partition, string storeName, RestoreSummary summary);
}

/// <summary>How much one partition's restoration replayed and how fast.</summary>
public readonly record struct RestoreSummary(long TotalRestored, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? TotalRestored / Elapsed.TotalSeconds : 0;
}

/// <summary>The listener used when the application registers none.</summary>
public sealed class NoOpStateRestoreListener : IStateRestoreListener
{
    public static NoOpStateRestoreListener Instance { get; } = new();

    public void OnRestoreStart(string topic, int partition, string storeName, long startingOffset, long endingOffset)
    {
    }

    public void OnBatchRestored(string topic, int partition, string storeName, long batchEndOffset, int batchSize)
    {
    }

    public void OnRestoreEnd(string topic, int partition, string storeName, RestoreSummary summary)
    {
    }
}
