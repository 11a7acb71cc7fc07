using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Training;

/// <summary>
/// After a training job, forgets the versions <see cref="ModelRetentionPolicy"/> lets go: every record of
/// theirs on the compacted models topic (neighbour lists first, the manifest last) is tombstoned, so every
/// instance drops them from its global table at once and compaction removes them from the topic. A forgotten
/// version is no longer listed nor activatable; its ModelTrainingStarted/Completed audit events remain.
/// </summary>
/// <remarks>
/// An activation may race a run (on any instance): the policy was computed from an older activation. The
/// topic's one partition orders the two. Once this instance's table shows the job's own activation, a version
/// it sees active is kept. Otherwise, once the run reads its manifest tombstones back, it has read every
/// activation before them too: if one of them activated a version it forgot, that version's records are written
/// again, so it is kept. An activation after the tombstone is refused by <see cref="ModelActivator"/>, which
/// reads its own write back the same way.
/// </remarks>
public sealed partial class ModelVersionRetention(
    ModelTables tables, ModelTopicPublisher publisher, IOptions<ModelTrainingOptions> options, ILogger<ModelVersionRetention> logger)
{
    /// <param name="trained">The job's version as just published (this instance's table may still show it training).</param>
    /// <param name="activeId">The serving version, as the job left it.</param>
    /// <returns>The versions forgotten.</returns>
    public async Task<IReadOnlyList<string>> ApplyAsync(ModelVersion trained, string? activeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trained);
        var o = options.Value;

        // The job's own activation first: until this table has it, the table's activation is an older one, not a racing one.
        await ModelTables.ReadBackAsync(() => tables.Activation()?.VersionId == activeId, o.ReadBackTimeout, cancellationToken);
        var versions = tables.Versions().Where(v => v.Id != trained.Id).Append(trained).ToList();
        var expired = new ModelRetentionPolicy(o.RetainedVersions, o.RetainedChampions).Expired(versions, activeId);
        var forgotten = new Dictionary<string, (ModelVersion Manifest, IReadOnlyList<ModelNeighboursRecord> Artefact)>(StringComparer.Ordinal);
        foreach (var id in expired)
        {
            if (tables.Activation()?.VersionId == id || tables.Find(id) is not { } manifest)
            {
                LogKeptActive(id);
                continue;
            }

            var artefact = tables.Artefact(id);
            forgotten[id] = (manifest, artefact);
            var keys = ModelTables.RecordKeys(id, artefact);
            await publisher.PublishTombstonesAsync(keys, cancellationToken);
            LogForgotten(id, keys.Count);
        }

        if (forgotten.Count > 0)
        {
            await KeepWhatWasActivatedMeanwhileAsync(forgotten, o.ReadBackTimeout, cancellationToken);
        }

        return [.. forgotten.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>As <see cref="ApplyAsync"/>, logging a failure instead of throwing: the job itself has completed, and the next one tries again.</summary>
    public async Task TryApplyAsync(ModelVersion trained, string? activeId, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(trained, activeId, cancellationToken);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException or InvalidOperationException)
        {
            LogNotApplied(e, trained.Id);
        }
    }

    private async Task KeepWhatWasActivatedMeanwhileAsync(
        Dictionary<string, (ModelVersion Manifest, IReadOnlyList<ModelNeighboursRecord> Artefact)> forgotten, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await ModelTables.ReadBackAsync(() => forgotten.Keys.All(id => tables.Find(id) is null), timeout, cancellationToken))
        {
            LogNotReadBack(string.Join(", ", forgotten.Keys));
            return;
        }

        if (tables.Activation()?.VersionId is { } active && forgotten.Remove(active, out var records))
        {
            // Artefact first, manifest last: the order a job publishes in, so no instance sees a manifest without its lists.
            await publisher.PublishArtefactAsync(active, records.Artefact, cancellationToken);
            await publisher.PublishManifestAsync(records.Manifest, cancellationToken);
            LogRestored(active);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId} forgotten by the retention policy: {Records} records tombstoned.")]
    private partial void LogForgotten(string versionId, int records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId} is kept: it was activated (or forgotten) since the retention policy was computed.")]
    private partial void LogKeptActive(string versionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model version {VersionId} was activated while the retention run forgot it; its records are written again, so it is kept.")]
    private partial void LogRestored(string versionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention run did not read its tombstones of {VersionIds} back in time, so it could not check for an activation that raced it.")]
    private partial void LogNotReadBack(string versionIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model version retention after {VersionId} did not complete; the next job tries again.")]
    private partial void LogNotApplied(Exception exception, string versionId);
}
