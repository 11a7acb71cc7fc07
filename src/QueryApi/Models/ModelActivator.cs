using Microsoft.Extensions.Logging;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.QueryApi.Models;

public enum ActivationOutcome
{
    Activated,
    NotFound,

    /// <summary>The version is still training or failed: there is nothing to serve.</summary>
    NotServable,

    /// <summary>The gate refused the version and no admin override was given.</summary>
    RefusedByGate,
}

/// <summary>
/// Switches the serving version (a rollback or roll-forward) by publishing the activation to the models
/// topic; every instance reads it through its global table and recomputes its users. A version the gate
/// approved may be activated by a trainer; one it refused only by an admin who says so (the override),
/// which is logged as a warning and recorded in the activation with its reason.
/// </summary>
public sealed partial class ModelActivator(ModelTables tables, ModelTopicPublisher publisher, TimeProvider time, ILogger<ModelActivator> logger)
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

        await publisher.PublishActivationAsync(
            new ModelActivation(versionId, time.GetUtcNow().ToUnixTimeMilliseconds(), activatedBy, why, overridden), cancellationToken);
        return (ActivationOutcome.Activated, version);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin override: {ActivatedBy} activated model {VersionId}, which the gate refused ({GateReason}); reason given: {Reason}.")]
    private partial void LogOverride(string versionId, string activatedBy, string reason, string gateReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ActivatedBy} activated model {VersionId}: {Reason}.")]
    private partial void LogActivated(string versionId, string activatedBy, string reason);
}
