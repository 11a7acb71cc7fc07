using System.Collections.Concurrent;
using RecoStreams.Postgres.Delivery;

namespace RecoStreams.Postgres.Tests.Delivery;

/// <summary>A writer whose outcome per attempt is scripted; records every committed batch.</summary>
internal sealed class FakeBatchWriter(Func<int, Exception?> failureForAttempt) : ISinkBatchWriter
{
    private int _attempts;

    public ConcurrentQueue<SinkBatch> Committed { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public Task<int> WriteAsync(SinkBatch batch, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (failureForAttempt(attempt) is { } failure)
        {
            throw failure;
        }

        Committed.Enqueue(batch);
        return Task.FromResult(batch.RowCount);
    }
}
