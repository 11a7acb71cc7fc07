using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Hosting.Scheduling;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Topology;

namespace RecoStreams.Training;

/// <summary>
/// Trains <see cref="ModelTrainingOptions.ScheduledModelType"/> on the last
/// <see cref="ModelTrainingOptions.ScheduledLookback"/> of events on a cron schedule. Every instance runs the
/// schedule, but only the one hosting partition 0 of the user stores trains, so the cluster trains once a
/// night without a lock; when no instance hosts it (a rebalance at that minute), the night is skipped with a
/// warning. The version is promoted only if the gate passes, as for a requested one.
/// </summary>
public sealed partial class ScheduledTrainingService(
    IOptions<ModelTrainingOptions> options,
    ModelTrainingJobs jobs,
    KafkaStreams streams,
    TimeProvider time,
    ILogger<ScheduledTrainingService> logger)
    : CronScheduledService("scheduled training", CronSchedule.Parse(options.Value.Schedule), time, logger)
{
    public const string RequestedBy = "schedule";

    private readonly ILogger _logger = logger;
    private readonly TimeProvider _time = time;

    /// <summary>Starts one scheduled training now if this instance is the one to train; false when it is not or one runs.</summary>
    public override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (streams.State != KafkaStreamsState.Running || !streams.QueryMetadataForPartition(RecoStoreNames.Profiles, 0).IsLocal)
        {
            LogNotThisInstance(streams.State.ToString());
            return false;
        }

        var now = _time.GetUtcNow();
        var o = options.Value;
        try
        {
            var (started, id) = await jobs.TryStartAsync(
                new TrainingJobRequest(o.ScheduledModelType, new Dictionary<string, string>(), now - o.ScheduledLookback, now, RequestedBy), cancellationToken);
            if (!started)
            {
                LogBusy(id);
            }

            return started;
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            // The next night tries again; the host keeps serving.
            LogNotStarted(e, e.Error.Reason);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled training left to the instance hosting partition 0 (this one is {State} without it).")]
    private partial void LogNotThisInstance(string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled training skipped: training {VersionId} is still running.")]
    private partial void LogBusy(string versionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled training could not start: {Reason}")]
    private partial void LogNotStarted(Exception exception, string reason);
}
