using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Hosting.Scheduling;

namespace RecoStreams.Backfill;

/// <summary>
/// Recomputes every user this instance owns on a cron schedule (each instance covers its own partitions,
/// so together they cover everyone once), at a bounded rate, logging progress at every tenth. A run that
/// finds the streams not running (rebalancing, restoring) is skipped with a warning and waits for the next.
/// </summary>
public sealed partial class ScheduledBackfillService(
    IOptions<ScheduledBackfillOptions> options,
    ILocalUsers localUsers,
    BackfillRunner runner,
    TimeProvider time,
    ILogger<ScheduledBackfillService> logger)
    : CronScheduledService("scheduled backfill", CronSchedule.Parse(options.Value.Schedule), time, logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>One backfill of the local users now; false when the streams could not list them.</summary>
    public override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!localUsers.TryList(out var users, out var unavailable))
        {
            LogSkipped(unavailable);
            return false;
        }

        LogStarting(users.Count, options.Value.RatePerSecond);
        var outcome = await runner.RunAsync(users, options.Value.RatePerSecond, new TenthLogger(this), cancellationToken);
        LogFinished(outcome.ToString());
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill of {Users} local users started at {Rate}/s at most.")]
    private partial void LogStarting(int users, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill progress: {Progress}.")]
    private partial void LogProgress(string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill finished: {Outcome}.")]
    private partial void LogFinished(string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled backfill skipped: {Reason}")]
    private partial void LogSkipped(string reason);

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
