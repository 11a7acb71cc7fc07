using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Training;

public enum ActivationOutcome
{
    Activated,
    NotFound,

    /// <summary>The version is still training or failed: there is nothing to serve.</summary>
    NotServable,

    /// <summary>The gate refused the version and no admin override was given.</summary>
    RefusedByGate,

    /// <summary>A retention run forgot the version before the activation reached the models topic; the activation was undone.</summary>
    Forgotten,
}

/// <summary>
/// Switches the serving version (a rollback or roll-forward) by publishing the activation to the models
/// topic; every instance reads it through its global table and recomputes its users. A version the gate
/// approved may be activated by a trainer; one it refused only by an admin who says so (the override),
/// which is logged as a warning and recorded in the activation with its reason.
/// </summary>
/// <remarks>
/// A retention run (<see cref="ModelVersionRetention"/>) may be forgetting the version at the same moment, on
/// any instance. The activation is read back through this instance's models table: the topic's one partition
/// is read in order, so if the version's manifest is gone by then, its tombstone came first and the activation
/// is undone (the previous one written again) and refused; otherwise the retention run sees the activation and
/// keeps the version.
/// </remarks>
public sealed partial class ModelActivator(
    ModelTables tables, ModelTopicPublisher publisher, IOptions<ModelTrainingOptions> options, TimeProvider time, ILogger<ModelActivator> logger)
{
    public async Task<(ActivationOutcome Outcome, ModelVersion? Version)> ActivateAsync(
        string versionId, string activatedBy, bool adminOverride, string? reason, CancellationToken cancellationToken)
    {
        if (tables.Find(versionId) is not { } version)
        {
            return (ActivationOutcome.NotFound, null);
        }

        if (version.Status is ModelStatus.Training or ModelStatus.Failed)
        {
            return (ActivationOutcome.NotServable, version);
        }

        var overridden = version.Status == ModelStatus.Rejected;
        if (overridden && !adminOverride)
        {
            return (ActivationOutcome.RefusedByGate, version);
        }

        var why = reason ?? (overridden ? "admin override" : "activated on request");
        if (overridden)
        {
            LogOverride(versionId, activatedBy, why, version.Gate?.Reason ?? "");
        }
        else
        {
            LogActivated(versionId, activatedBy, why);
        }

        var previous = tables.Activation();
        var activation = new ModelActivation(versionId, time.GetUtcNow().ToUnixTimeMilliseconds(), activatedBy, why, overridden);
        await publisher.PublishActivationAsync(activation, cancellationToken);
        if (!await ModelTables.ReadBackAsync(() => tables.Activation() == activation, options.Value.ReadBackTimeout, cancellationToken))
        {
            // Another activation overtook this one, or the table lags: whichever is last on the topic serves.
            LogNotReadBack(versionId);
            return (ActivationOutcome.Activated, version);
        }

        if (tables.Find(versionId) is null)
        {
            await UndoAsync(previous, cancellationToken);
            LogForgotten(versionId, previous?.VersionId ?? "none");
            return (ActivationOutcome.Forgotten, version);
        }

        return (ActivationOutcome.Activated, version);
    }

    /// <summary>Writes the activation before ours again, or removes ours when there was none.</summary>
    private Task UndoAsync(ModelActivation? previous, CancellationToken cancellationToken) =>
        previous is null
            ? publisher.PublishTombstonesAsync([ModelRecordKeys.Active], cancellationToken)
            : publisher.PublishActivationAsync(previous, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin override: {ActivatedBy} activated model {VersionId}, which the gate refused ({GateReason}); reason given: {Reason}.")]
    private partial void LogOverride(string versionId, string activatedBy, string reason, string gateReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {VersionId} was forgotten by a retention run while being activated; {PreviousId} serves again.")]
    private partial void LogForgotten(string versionId, string previousId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The activation of model {VersionId} was not read back in time (overtaken by another activation, or the models table lags).")]
    private partial void LogNotReadBack(string versionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ActivatedBy} activated model {VersionId}: {Reason}.")]
    private partial void LogActivated(string versionId, string activatedBy, string reason);
}
