using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Backfill;

/// <summary>
/// Recomputes every user this instance owns on a cron schedule (each instance covers its own partitions,
/// so together they cover everyone once), at a bounded rate, logging progress at every tenth. A run that
/// finds the streams not running (rebalancing, restoring) is skipped with a warning and waits for the next.
/// </summary>
public sealed partial class ScheduledBackfillService(
    IOptions<ScheduledBackfillOptions> options,
    IRecommendationQueries queries,
    BackfillRunner runner,
    TimeProvider time,
    ILogger<ScheduledBackfillService> logger) : BackgroundService
{
    private readonly CronSchedule _schedule = CronSchedule.Parse(options.Value.Schedule);

    /// <summary>One backfill of the local users now; false when the streams could not list them.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> users;
        try
        {
            users = queries.LocalUserIds();
        }
        catch (ServiceUnavailableException e)
        {
            LogSkipped(e.Message);
            return false;
        }

        LogStarting(users.Count, options.Value.RatePerSecond);
        var outcome = await runner.RunAsync(users, options.Value.RatePerSecond, new TenthLogger(this), cancellationToken);
        LogFinished(outcome.ToString());
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (_schedule.Next(now) is not { } next)
            {
                LogNeverDue(_schedule.Expression);
                return;
            }

            LogNextRun(next);
            await Task.Delay(next - now, time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next scheduled backfill at {NextRun:O}.")]
    private partial void LogNextRun(DateTimeOffset nextRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill of {Users} local users started at {Rate}/s at most.")]
    private partial void LogStarting(int users, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill progress: {Progress}.")]
    private partial void LogProgress(string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill finished: {Outcome}.")]
    private partial void LogFinished(string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled backfill skipped: {Reason}")]
    private partial void LogSkipped(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backfill schedule '{Schedule}' never comes due; the scheduled backfill is off.")]
    private partial void LogNeverDue(string schedule);

    private sealed class TenthLogger(ScheduledBackfillService service) : IProgress<BackfillProgress>
    {
        private int _logged;

        public void Report(BackfillProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth > _logged && tenth < 10)
            {
                _logged = tenth;
                service.LogProgress(value.ToString());
            }
        }
    }
}
