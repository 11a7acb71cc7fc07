using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>Where the earlier versions of the contracts come from: a git revision or a live registry.</summary>
internal interface ISchemaBaseline
{
    /// <summary>
    /// Pairs each current file with its earlier versions (oldest first; every earlier version when
    /// <paramref name="level"/> is transitive, else only the latest), and lists files that existed
    /// before but are gone now with a null current text.
    /// </summary>
    Task<IReadOnlyList<SchemaFileVersions>> PairAsync(IReadOnlyDictionary<string, string> current, CompatibilityLevel level, CancellationToken cancellationToken);
}

internal static class CompatibilityLevels
{
    public static bool IsTransitive(CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
}
