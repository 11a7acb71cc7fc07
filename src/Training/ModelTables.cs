using RecoStreams.Hosting.Http;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.State;
using RecoStreams.Topology;

namespace RecoStreams.Training;

/// <summary>
/// Reads model versions, the activation and the catalog from this instance's global tables: every
/// instance holds the same copy, so any of them answers for all versions.
/// </summary>
public sealed class ModelTables(KafkaStreams streams)
{
    /// <summary>Every version's manifest, in ordinal order of id (ids start with their creation time).</summary>
    public IReadOnlyList<ModelVersion> Versions()
    {
        var versions = new List<ModelVersion>();
        using var range = Models().Range(ModelRecordKeys.ManifestPrefix, ModelRecordKeys.ManifestPrefix + '\uffff');
        while (range.MoveNext())
        {
            if (range.Current.Value is ModelManifestRecord manifest)
            {
                versions.Add(manifest.Version);
            }
        }

        return versions;
    }

    /// <summary>The keys of every record of a version on the models topic: its neighbour lists and its manifest.</summary>
    public IReadOnlyList<string> RecordKeys(string versionId) => RecordKeys(versionId, Artefact(versionId));

    /// <summary>The keys of a version's records, from its neighbour lists already read (<see cref="Artefact"/>).</summary>
    public static IReadOnlyList<string> RecordKeys(string versionId, IReadOnlyList<ModelNeighboursRecord> artefact) =>
        [.. artefact.Select(list => ModelRecordKeys.Neighbours(versionId, list.ItemId)), ModelRecordKeys.Manifest(versionId)];

    /// <summary>A version's neighbour lists, in key order: what a retention run republishes when it must keep the version after all.</summary>
    public IReadOnlyList<ModelNeighboursRecord> Artefact(string versionId)
    {
        var prefix = ModelRecordKeys.Neighbours(versionId, itemId: "");
        var lists = new List<ModelNeighboursRecord>();
        using var range = Models().Range(prefix, prefix + '\uffff');
        while (range.MoveNext())
        {
            if (range.Current.Value is ModelNeighboursRecord list)
            {
                lists.Add(list);
            }
        }

        return lists;
    }

    /// <summary>
    /// Polls this instance's tables until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.
    /// The models topic has one partition, read in order: once a record shows here, everything before it does too.
    /// </summary>
    public static async Task<bool> ReadBackAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return true;
    }

    public ModelVersion? Find(string versionId) =>
        Models().TryGet(ModelRecordKeys.Manifest(versionId), out var record) && record is ModelManifestRecord manifest ? manifest.Version : null;

    public ModelActivation? Activation() =>
        Models().TryGet(ModelRecordKeys.Active, out var record) && record is ModelActivationRecord activation ? activation.Activation : null;

    /// <summary>The serving version's manifest; null when none was activated.</summary>
    public ModelVersion? Champion() => Activation() is { } active ? Find(active.VersionId) : null;

    public IReadOnlyList<CatalogItem> CatalogItems()
    {
        var items = new List<CatalogItem>();
        using var all = Global<CatalogItem>(RecoStoreNames.Catalog).All();
        while (all.MoveNext())
        {
            items.Add(all.Current.Value);
        }

        return items;
    }

    private IReadOnlyKeyValueStore<string, ModelRecord> Models() => Global<ModelRecord>(RecoStoreNames.Models);

    private IReadOnlyKeyValueStore<string, TValue> Global<TValue>(string storeName)
    {
        try
        {
            return streams.GlobalStore<IReadOnlyKeyValueStore<string, TValue>>(storeName);
        }
        catch (ArgumentException)
        {
            // The global tables exist once the application started; before that there is nothing to read.
            throw QueryUnavailable.NotRunning(streams.State.ToString());
        }
    }
}
