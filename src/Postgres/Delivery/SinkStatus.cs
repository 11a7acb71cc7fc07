namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Live state and counters of a <see cref="PostgresSinkWorker"/>; the host turns snapshots into metrics
/// and a health check. Written by the worker, read from any thread.
/// </summary>
public sealed class SinkStatus
{
    private readonly Lock _lock = new();
    private SinkStatusSnapshot _current = new(SinkState.Healthy, null, null, null, 0, 0, 0, 0, 0);

    public SinkStatusSnapshot Snapshot()
    {
        lock (_lock)
        {
            return _current;
        }
    }

    internal void BatchTaken(int rows) => Update(s => s with { PendingRecords = s.PendingRecords + rows });

    internal void RetryScheduled(Exception error, DateTimeOffset at) =>
        Update(s => s with { State = SinkState.Retrying, LastError = Describe(error), LastErrorAt = at, Retries = s.Retries + 1 });

    internal void BatchCommitted(int rows, int changed, DateTimeOffset at) =>
        Update(s => s with
        {
            State = SinkState.Healthy,
            LastSuccessAt = at,
            RowsCommitted = s.RowsCommitted + rows,
            RowsChanged = s.RowsChanged + changed,
            BatchesCommitted = s.BatchesCommitted + 1,
        });

    internal void BatchAcknowledged(int rows) => Update(s => s with { PendingRecords = s.PendingRecords - rows });

    internal void Failed(Exception error, DateTimeOffset at) =>
        Update(s => s with { State = SinkState.Failed, LastError = Describe(error), LastErrorAt = at });

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";

    private void Update(Func<SinkStatusSnapshot, SinkStatusSnapshot> change)
    {
        lock (_lock)
        {
            _current = change(_current);
        }
    }
}
