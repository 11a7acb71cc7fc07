using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Avro.Contracts;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Training;

/// <summary>A training job to start: the model type, its settings, the event-time range, and who asked.</summary>
public sealed record TrainingJobRequest(
    string ModelType, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset? Start, DateTimeOffset? End, string RequestedBy);

/// <summary>
/// Model training jobs of this instance, one at a time (training holds the history in memory and takes
/// the cores). A job publishes its version's manifest as "training" before <see cref="TryStart"/> returns, so
/// the version is visible on every instance at once; then, in the background, it reads the history (from the
/// Postgres mirror when one is configured, else the topic: <see cref="IEngagementHistorySource"/>), trains,
/// evaluates against the champion, publishes the artefact and the judged manifest, activates the version
/// when the gate passed, records ModelTrainingStarted/Completed, and lets <see cref="ModelVersionRetention"/>
/// forget old versions. Stopping the host cancels a running job.
/// </summary>
public sealed partial class ModelTrainingJobs(
    ModelTraining training,
    IEngagementHistorySource history,
    ModelTables tables,
    ModelTopicPublisher publisher,
    ModelVersionRetention retention,
    IOptions<ModelTrainingOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ModelTrainingJobs> logger)
{
    private static readonly string CodeVersion =
        typeof(ModelTrainingJobs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly Lock _gate = new();
    private string? _runningId;

    /// <summary>Starts a job and returns its version id, or returns false with the id of the one still running.</summary>
    public async Task<(bool Started, string VersionId)> TryStartAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var id = NewVersionId(now);
        lock (_gate)
        {
            if (_runningId is not null)
            {
                return (false, _runningId);
            }

            _runningId = id;
        }

        try
        {
            await publisher.PublishManifestAsync(
                new ModelVersion(id, request.ModelType, ModelStatus.Training, now.ToUnixTimeMilliseconds(), null, null, null, null), cancellationToken);
            await publisher.PublishStartedAsync(
                new ModelTrainingStarted
                {
                    ModelVersion = id,
                    ModelType = request.ModelType,
                    DataStart = request.Start,
                    DataEnd = request.End,
                    RequestedBy = request.RequestedBy,
                    StartedAt = now,
                },
                cancellationToken);
        }
        catch
        {
            Finish();
            throw;
        }

        LogStarted(id, request.ModelType, request.RequestedBy);
        _ = Task.Run(() => RunAsync(id, request, lifetime.ApplicationStopping), CancellationToken.None);
        return (true, id);
    }

    private async Task RunAsync(string id, TrainingJobRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var o = options.Value;
            var read = await history.ReadAsync(request.Start, request.End, o.MaxEvents, o.ReadTimeout, cancellationToken);
            LogRead(id, read.Events.Count, history.Name, read.OutOfRange, read.Undecodable);
            var champion = tables.Champion();
            var result = training.Run(
                new TrainingRequest(id, request.ModelType, request.Parameters, request.Start?.ToUnixTimeMilliseconds(), request.End?.ToUnixTimeMilliseconds(), CodeVersion),
                read.Events,
                tables.CatalogItems(),
                champion,
                time.GetUtcNow().ToUnixTimeMilliseconds(),
                cancellationToken);
            await publisher.PublishArtefactAsync(id, result.Artefact, cancellationToken);
            await publisher.PublishManifestAsync(result.Version, cancellationToken);
            var gate = result.Version.Gate!;
            if (gate.Passed)
            {
                await publisher.PublishActivationAsync(
                    new ModelActivation(id, time.GetUtcNow().ToUnixTimeMilliseconds(), request.RequestedBy, "passed the gate: " + gate.Reason, Override: false),
                    cancellationToken);
            }

            var e = result.Version.Evaluation!;
            await publisher.PublishCompletedAsync(
                new ModelTrainingCompleted
                {
                    ModelVersion = id,
                    ModelType = request.ModelType,
                    Outcome = gate.Passed ? TrainingOutcome.Promoted : TrainingOutcome.Rejected,
                    Reason = gate.Reason,
                    ChampionVersion = champion?.Id,
                    NdcgAt10 = e.Candidate.NdcgAt10,
                    MapAt10 = e.Candidate.MapAt10,
                    Coverage = e.Candidate.Coverage,
                    ChampionNdcgAt10 = e.Champion?.NdcgAt10,
                    Events = read.Events.Count,
                    CompletedAt = time.GetUtcNow(),
                },
                CancellationToken.None);
            LogCompleted(id, gate.Passed ? "promoted" : "rejected", gate.Reason);
            await retention.TryApplyAsync(result.Version, gate.Passed ? id : tables.Activation()?.VersionId, cancellationToken);
        }
        catch (Exception e)
        {
            // A background job has no caller to throw to: the failure is its version's status (the message,
            // never a stack trace), shown to whoever polls it.
            var reason = e switch
            {
                OperationCanceledException => "The instance stopped.",
                KafkaException k => k.Error.Reason,
                _ => e.Message,
            };
            LogFailed(e, id, reason);
            await RecordFailureAsync(id, request, reason);
        }
        finally
        {
            Finish();
        }
    }

    private async Task RecordFailureAsync(string id, TrainingJobRequest request, string reason)
    {
        try
        {
            var now = time.GetUtcNow();
            await publisher.PublishManifestAsync(
                new ModelVersion(id, request.ModelType, ModelStatus.Failed, now.ToUnixTimeMilliseconds(), null, null, null, reason), CancellationToken.None);
            await publisher.PublishCompletedAsync(
                new ModelTrainingCompleted { ModelVersion = id, ModelType = request.ModelType, Outcome = TrainingOutcome.Failed, Reason = reason, CompletedAt = now },
                CancellationToken.None);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            LogNotRecorded(e, id);
        }
    }

    private void Finish()
    {
        lock (_gate)
        {
            _runningId = null;
        }
    }

    /// <summary>"v" + UTC creation time + 6 random hex digits: sorts by creation, unique without coordination.</summary>
    private static string NewVersionId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"v{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Model training {VersionId} ({ModelType}) started by {RequestedBy}.")]
    private partial void LogStarted(string versionId, string modelType, string requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model training {VersionId} read {Events} events in range from {Source} ({OutOfRange} outside it, {Undecodable} undecodable).")]
    private partial void LogRead(string versionId, int events, string source, int outOfRange, int undecodable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model training {VersionId} {Outcome}: {Reason}.")]
    private partial void LogCompleted(string versionId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model training {VersionId} failed: {Reason}")]
    private partial void LogFailed(Exception exception, string versionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The failure of model training {VersionId} could not be recorded on the models topic.")]
    private partial void LogNotRecorded(Exception exception, string versionId);
}
