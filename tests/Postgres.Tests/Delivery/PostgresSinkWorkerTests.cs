using Npgsql;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.Delivery;

public sealed class PostgresSinkWorkerTests
{
    private static readonly PostgresSinkOptions FastRetries = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        NonTransientRetries = 2,
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Acknowledges_each_batch_after_its_commit_and_in_order()
    {
        var batches = Enumerable.Range(0, 5).Select(Batch).ToList();
        var writer = new FakeBatchWriter(_ => null);
        var source = new ScriptedSource(batches, b => Task.FromResult(writer.Committed.Contains(b)));
        var worker = new PostgresSinkWorker(source, writer, FastRetries);

        await RunUntilAsync(worker, () => source.WaitForAcknowledgementsAsync(5, Timeout));

        Assert.Equal([(0, true), (1, true), (2, true), (3, true), (4, true)], source.Acknowledgements);
        var status = worker.Status.Snapshot();
        Assert.Equal(SinkState.Healthy, status.State);
        Assert.Equal(5, status.BatchesCommitted);
        Assert.Equal(10, status.RowsCommitted);
        Assert.Equal(0, status.PendingRecords);
        Assert.NotNull(status.LastSuccessAt);
    }

    [Fact]
    public async Task Retries_transient_errors_until_the_write_succeeds_and_acknowledges_once()
    {
        var writer = new FakeBatchWriter(attempt => attempt <= 6 ? Transient() : null);
        var source = new ScriptedSource([Batch(0)], b => Task.FromResult(writer.Committed.Contains(b)));
        var worker = new PostgresSinkWorker(source, writer, FastRetries);

        await RunUntilAsync(worker, () => source.WaitForAcknowledgementsAsync(1, Timeout));

        Assert.Equal([(0, true)], source.Acknowledgements);
        Assert.Equal(7, writer.Attempts); // more than NonTransientRetries: transient errors are not bounded by it
        var status = worker.Status.Snapshot();
        Assert.Equal(SinkState.Healthy, status.State);
        Assert.Equal(6, status.Retries);
        Assert.Contains("57P01", status.LastError);
    }

    [Fact]
    public async Task Reports_retrying_with_the_pending_rows_while_the_database_is_down()
    {
        var databaseUp = false;
        var writer = new FakeBatchWriter(_ => Volatile.Read(ref databaseUp) ? null : Transient());
        var source = new ScriptedSource([Batch(0)]);
        var worker = new PostgresSinkWorker(source, writer, FastRetries);
        using var cts = new CancellationTokenSource();
        var run = worker.RunAsync(cts.Token);

        await WaitUntilAsync(() => worker.Status.Snapshot().Retries >= 3);
        var down = worker.Status.Snapshot();
        Volatile.Write(ref databaseUp, true);
        await source.WaitForAcknowledgementsAsync(1, Timeout);
        await cts.CancelAsync();
        await run;

        Assert.Equal(SinkState.Retrying, down.State);
        Assert.Equal(2, down.PendingRecords);
        Assert.Equal(0, down.BatchesCommitted);
        Assert.Equal(SinkState.Healthy, worker.Status.Snapshot().State);
        Assert.Equal(0, worker.Status.Snapshot().PendingRecords);
    }

    [Fact]
    public async Task A_non_transient_error_fails_the_worker_after_bounded_retries_without_acknowledging()
    {
        var writer = new FakeBatchWriter(_ => new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01"));
        var source = new ScriptedSource([Batch(0), Batch(1)]);
        var worker = new PostgresSinkWorker(source, writer, FastRetries);

        var error = await Assert.ThrowsAsync<PostgresException>(() => worker.RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal("42P01", error.SqlState);
        Assert.Equal(1 + FastRetries.NonTransientRetries, writer.Attempts);
        Assert.Empty(source.Acknowledgements);
        var status = worker.Status.Snapshot();
        Assert.Equal(SinkState.Failed, status.State);
        Assert.Contains("42P01", status.LastError);
        Assert.Equal(2, status.PendingRecords);
    }

    [Fact]
    public async Task Cancellation_during_an_outage_returns_without_acknowledging_the_unwritten_batch()
    {
        var writer = new FakeBatchWriter(_ => Transient());
        var source = new ScriptedSource([Batch(0)]);
        var worker = new PostgresSinkWorker(source, writer, FastRetries);
        using var cts = new CancellationTokenSource();
        var run = worker.RunAsync(cts.Token);
        await WaitUntilAsync(() => writer.Attempts >= 2);

        await cts.CancelAsync();
        await run;

        Assert.Empty(source.Acknowledgements);
        Assert.Equal(SinkState.Retrying, worker.Status.Snapshot().State);
    }

    [Fact]
    public async Task An_empty_batch_is_acknowledged_so_the_source_can_move_on()
    {
        var writer = new FakeBatchWriter(_ => null);
        var source = new ScriptedSource([new SinkBatch { Positions = [new SourcePosition("recommendation-updated", 0, 41)] }]);
        var worker = new PostgresSinkWorker(source, writer, FastRetries);

        await RunUntilAsync(worker, () => source.WaitForAcknowledgementsAsync(1, Timeout));

        Assert.Equal([(0, true)], source.Acknowledgements);
        Assert.Equal(0, worker.Status.Snapshot().RowsCommitted);
    }

    private static SinkBatch Batch(int index) => new()
    {
        Recommendations = [TestRows.Recommendation($"u{index}", index)],
        UserFeatures = [TestRows.Features($"u{index}", index)],
        Positions = [new SourcePosition("recommendation-updated", 0, index)],
    };

    private static PostgresException Transient() =>
        new("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");

    private static async Task RunUntilAsync(PostgresSinkWorker worker, Func<Task> condition)
    {
        using var cts = new CancellationTokenSource();
        var run = worker.RunAsync(cts.Token);
        await condition();
        await cts.CancelAsync();
        await run;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
