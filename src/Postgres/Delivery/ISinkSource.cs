namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Where the mirror's input comes from (the host implements it over a Kafka consumer). The worker asks for
/// one batch at a time and acknowledges it only after its rows are committed, so the source commits
/// offsets in <see cref="AcknowledgeAsync"/>: delivery is at-least-once into idempotent upserts.
/// </summary>
public interface ISinkSource
{
    /// <summary>Waits for the next batch; may return an empty batch when nothing arrived in a poll interval.</summary>
    Task<SinkBatch> NextBatchAsync(CancellationToken cancellationToken);

    /// <summary>Marks everything up to the batch's positions as durably mirrored.</summary>
    Task AcknowledgeAsync(SinkBatch batch);
}
