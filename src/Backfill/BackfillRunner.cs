using System.Diagnostics;

namespace RecoStreams.Backfill;

/// <summary>
/// Recomputes many users by producing one refresh request each, no faster than a given rate: a backfill
/// must not starve live traffic of the stream threads that do the recomputing. Requests go out in small
/// pipelined batches paced against the start time, so the average rate holds without a sleep per user.
/// </summary>
public sealed class BackfillRunner(IRefreshPublisher publisher, BackfillMetrics? metrics = null)
{
    /// <summary>The pace of a backfill nobody configured: the nightly one, `backfill` and POST /admin/backfill.</summary>
    public const double DefaultRatePerSecond = 200;

    private const int MaxBatch = 100;

    /// <param name="ratePerSecond">Upper bound on refresh requests per second; must be positive.</param>
    public async Task<BackfillProgress> RunAsync(
        IReadOnlyList<string> userIds, double ratePerSecond, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        metrics?.Started(userIds.Count);
        var clock = Stopwatch.StartNew();

        // Batches of a tenth of a second's worth keep the pacing smooth at low rates and pipelined at high ones.
        var batchSize = (int)Math.Clamp(ratePerSecond / 10, 1, MaxBatch);
        var done = 0;
        foreach (var batch in userIds.Chunk(batchSize))
        {
            // Timers round to milliseconds and run on another clock than the stopwatch: wait until due, never less.
            var due = TimeSpan.FromSeconds(done / ratePerSecond);
            for (var wait = due - clock.Elapsed; wait > TimeSpan.Zero; wait = due - clock.Elapsed)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken);
            }

            await Task.WhenAll(batch.Select(user => publisher.PublishRefreshAsync(user, cancellationToken)));
            done += batch.Length;
            metrics?.Requested(batch.Length);
            progress?.Report(new BackfillProgress(done, userIds.Count, clock.Elapsed));
        }

        return new BackfillProgress(done, userIds.Count, clock.Elapsed);
    }
}
