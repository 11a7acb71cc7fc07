using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// One record of the compacted models topic. A version is a manifest plus one neighbour list per item,
/// each its own record so no record nears Kafka's 1 MB limit whatever the catalog's size; the activation
/// record names the serving version. Compaction keeps the latest of each key: every version's artefact
/// and the current activation.
/// </summary>
public abstract record ModelRecord;

public sealed record ModelManifestRecord(ModelVersion Version) : ModelRecord;

/// <summary>The trained neighbours of one item in one version, most similar first.</summary>
public sealed record ModelNeighboursRecord(string VersionId, string ItemId, IReadOnlyList<Neighbour> Neighbours) : ModelRecord;

public sealed record ModelActivationRecord(ModelActivation Activation) : ModelRecord;

/// <summary>Keys of the models topic: "manifest/{version}", "neighbours/{version}/{item}" and "active".</summary>
public static class ModelRecordKeys
{
    public const string Active = "active";

    public const string ManifestPrefix = "manifest/";

    public const string NeighboursPrefix = "neighbours/";

    public static string Manifest(string versionId) => ManifestPrefix + versionId;

    /// <summary>Version ids never contain '/', so the item id is everything after the second one.</summary>
    public static string Neighbours(string versionId, string itemId) => $"{NeighboursPrefix}{versionId}/{itemId}";

    /// <summary>True for a version id that can be part of a key: letters, digits, '-', '_' and '.', 1 to 64 of them.</summary>
    public static bool IsValidVersionId(string? versionId) =>
        versionId is { Length: > 0 and <= 64 } && versionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
