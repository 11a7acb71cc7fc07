using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.QueryApi.Models;

/// <summary>
/// After a training job, forgets the versions <see cref="ModelRetentionPolicy"/> lets go: every record of
/// theirs on the compacted models topic (neighbour lists first, the manifest last) is tombstoned, so every
/// instance drops them from its global table at once and compaction removes them from the topic. A forgotten
/// version is no longer listed nor activatable; its ModelTrainingStarted/Completed audit events remain.
/// </summary>
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
        var versions = tables.Versions().Where(v => v.Id != trained.Id).Append(trained).ToList();
        var expired = new ModelRetentionPolicy(o.RetainedVersions, o.RetainedChampions).Expired(versions, activeId);
        foreach (var id in expired)
        {
            var keys = tables.RecordKeys(id);
            await publisher.PublishTombstonesAsync(keys, cancellationToken);
            LogForgotten(id, keys.Count);
        }

        return expired;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId} forgotten by the retention policy: {Records} records tombstoned.")]
    private partial void LogForgotten(string versionId, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model version retention after {VersionId} did not complete; the next job tries again.")]
    private partial void LogNotApplied(Exception exception, string versionId);
}
