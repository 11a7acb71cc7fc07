using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RecoStreams.Hosting.Scheduling;

/// <summary>
/// Runs <see cref="RunOnceAsync"/> at every occurrence of a cron schedule (UTC) until the host stops; a
/// schedule that never comes due turns the job off with an error. A run that cannot do its work says so
/// itself and the loop waits for the next occurrence.
/// </summary>
public abstract partial class CronScheduledService(string jobName, CronSchedule schedule, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>One run of the job now; false when it did nothing (skipped, or left to another instance).</summary>
    public abstract Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.Next(now) is not { } next)
            {
                LogNeverDue(jobName, schedule.Expression);
                return;
            }

            LogNextRun(jobName, next);
            await Task.Delay(next - now, time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next {Job} at {NextRun:O}.")]
    private partial void LogNextRun(string job, DateTimeOffset nextRun);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule '{Schedule}' of the {Job} never comes due; it is off.")]
    private partial void LogNeverDue(string job, string schedule);
}
