namespace RecoStreams.Postgres.Delivery;

/// <summary>A consistent view of <see cref="SinkStatus"/> at one moment, for metrics and health checks.</summary>
/// <param name="PendingRecords">Rows taken from the source and not yet acknowledged (held while retrying).</param>
/// <param name="RowsCommitted">Rows in committed batches, including replays that changed nothing.</param>
/// <param name="RowsChanged">Rows actually inserted or updated by those batches.</param>
/// <param name="Retries">Write attempts that failed and were retried, over the worker's lifetime.</param>
public sealed record SinkStatusSnapshot(
    SinkState State,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    long PendingRecords,
    long RowsCommitted,
    long RowsChanged,
    long BatchesCommitted,
    long Retries);
