namespace RecoStreams.Postgres.Delivery;

/// <summary>Writes a whole batch atomically; the seam between delivery (retries, acks) and the database.</summary>
public interface ISinkBatchWriter
{
    /// <summary>Commits all rows of <paramref name="batch"/> or none; returns the rows inserted or updated.</summary>
    Task<int> WriteAsync(SinkBatch batch, CancellationToken cancellationToken);
}
