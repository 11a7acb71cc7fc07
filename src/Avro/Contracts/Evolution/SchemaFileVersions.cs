namespace RecoStreams.Avro.Contracts.Evolution;

/// <summary>One schema file as it is now and as it was, supplied by the caller (from git, or from the registry).</summary>
/// <param name="Name">File name shown in the report, e.g. EngagementEvent.avsc.</param>
/// <param name="Current">Text of the file now; null when the file was deleted.</param>
/// <param name="Previous">Earlier texts, oldest first; empty for a new file. Transitive levels check them all.</param>
public sealed record SchemaFileVersions(string Name, string? Current, IReadOnlyList<string> Previous);
