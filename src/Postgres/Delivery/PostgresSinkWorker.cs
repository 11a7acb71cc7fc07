using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using RecoStreams.Postgres.Resilience;

namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Mirrors a source into Postgres: takes one batch, writes it in one transaction (retrying while the
/// database is unavailable), and acknowledges it to the source only after the commit. A crash anywhere
/// redelivers at most the unacknowledged batch, which the idempotent upserts absorb.
/// </summary>
public sealed partial class PostgresSinkWorker
{
    private readonly ISinkSource _source;
    private readonly ISinkBatchWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public PostgresSinkWorker(
        ISinkSource source,
        ISinkBatchWriter writer,
        PostgresSinkOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<PostgresSinkWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(writer);
        _source = source;
        _writer = writer;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PostgresSinkWorker>.Instance;
        _retry = SinkRetryPipeline.Create(options ?? new PostgresSinkOptions(), _timeProvider, OnRetry);
    }

    public SinkStatus Status { get; } = new();

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (returns normally) or a write fails for
    /// good (the status turns Failed and the error is rethrown; the host decides whether to restart).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await DeliverOneAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping between or during writes is safe: an unacknowledged batch is redelivered on restart.
        }
    }

    private async Task DeliverOneAsync(CancellationToken cancellationToken)
    {
        var batch = await _source.NextBatchAsync(cancellationToken);
        Status.BatchTaken(batch.RowCount);

        int changed;
        try
        {
            changed = await _retry.ExecuteAsync(
                static async (state, token) => await state.Writer.WriteAsync(state.Batch, token),
                (Writer: _writer, Batch: batch),
                cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Status.Failed(error, _timeProvider.GetUtcNow());
            LogFailed(error, batch.RowCount);
            throw;
        }

        Status.BatchCommitted(batch.RowCount, changed, _timeProvider.GetUtcNow());
        try
        {
            await _source.AcknowledgeAsync(batch);
        }
        catch (Exception error)
        {
            // The rows are committed; a lost acknowledgement only means they are written again after a restart.
            Status.Failed(error, _timeProvider.GetUtcNow());
            LogAcknowledgeFailed(error);
            throw;
        }

        Status.BatchAcknowledged(batch.RowCount);
    }

    private void OnRetry(Exception error, int attempt)
    {
        Status.RetryScheduled(error, _timeProvider.GetUtcNow());
        LogRetrying(error, attempt, PostgresTransientErrors.IsTransient(error));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postgres write failed (attempt {Attempt}, transient: {Transient}); retrying")]
    private partial void LogRetrying(Exception error, int attempt, bool transient);

    [LoggerMessage(Level = LogLevel.Error, Message = "Postgres write of a batch of {Rows} rows failed for good; the sink stops")]
    private partial void LogFailed(Exception error, int rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Acknowledging a committed batch to the source failed; the sink stops")]
    private partial void LogAcknowledgeFailed(Exception error);
}
