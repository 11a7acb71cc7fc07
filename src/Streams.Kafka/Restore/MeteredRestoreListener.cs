using RecoStreams.Streams.Diagnostics;

namespace RecoStreams.Streams.Kafka.Restore;

/// <summary>Records restoration progress in the instance's telemetry, then tells the application's own listener.</summary>
internal sealed class MeteredRestoreListener(IStateRestoreListener inner, StreamsTelemetry telemetry) : IStateRestoreListener
{
    public void OnRestoreStart(string topic, int partition, string storeName, long startingOffset, long endingOffset)
    {
        telemetry.OnRestoreStart(topic, partition, storeName, startingOffset, endingOffset);
        inner.OnRestoreStart(topic, partition, storeName, startingOffset, endingOffset);
    }

    public void OnBatchRestored(string topic, int partition, string storeName, long batchEndOffset, int batchSize)
    {
        telemetry.OnBatchRestored(topic, partition, storeName, batchEndOffset, batchSize);
        inner.OnBatchRestored(topic, partition, storeName, batchEndOffset, batchSize);
    }

    public void OnRestoreEnd(string topic, int partition, string storeName, RestoreSummary summary)
    {
        telemetry.OnRestoreEnd(topic, partition, storeName);
        inner.OnRestoreEnd(topic, partition, storeName, summary);
    }
}
