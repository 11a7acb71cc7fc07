using System.Text;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;

namespace RecoStreams.Avro.Contracts.Evolution;

/// <summary>What happened to one schema file.</summary>
public enum FileEvolutionStatus
{
    /// <summary>Changed or unchanged, and compatible under the level.</summary>
    Ok,
    /// <summary>A new file with no earlier version.</summary>
    New,
    /// <summary>Incompatible under the level; see the changes.</summary>
    Breaking,
    /// <summary>The file was deleted: readers and writers of the contract lose it.</summary>
    Removed,
    /// <summary>The current or an earlier text is not a valid Avro schema.</summary>
    Invalid,
}

/// <summary>Outcome for one file.</summary>
/// <param name="Name">File name.</param>
/// <param name="Status">Verdict for the file.</param>
/// <param name="Changes">Breaking changes with their paths; empty unless <see cref="FileEvolutionStatus.Breaking"/>.</param>
/// <param name="Error">Why the file is <see cref="FileEvolutionStatus.Invalid"/>.</param>
public sealed record FileEvolution(string Name, FileEvolutionStatus Status, IReadOnlyList<Incompatibility> Changes, string? Error = null)
{
    /// <summary>True when the file blocks the change.</summary>
    public bool IsBlocking => Status is FileEvolutionStatus.Breaking or FileEvolutionStatus.Removed or FileEvolutionStatus.Invalid;
}

/// <summary>The evolution check's result: one entry per file and an overall verdict.</summary>
/// <param name="Level">Compatibility level the files were checked under.</param>
/// <param name="Files">Per-file outcomes, in name order.</param>
public sealed record SchemaEvolutionReport(CompatibilityLevel Level, IReadOnlyList<FileEvolution> Files)
{
    /// <summary>True when no file is breaking, removed or invalid.</summary>
    public bool IsCompatible => !Files.Any(f => f.IsBlocking);

    /// <summary>A plain-text report for a terminal or a CI log.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Schema evolution check under ").AppendLine(CompatibilityLevelNames.ToName(Level));
        foreach (var file in Files)
        {
            text.Append("  ").Append(file.Status.ToString().ToUpperInvariant().PadRight(9)).Append(' ').AppendLine(file.Name);
            foreach (var change in file.Changes)
            {
                text.Append("             - ").AppendLine(change.Context is null ? change.ToString() : $"{change} [{change.Context}]");
            }

            if (file.Error is not null)
            {
                text.Append("             - ").AppendLine(file.Error);
            }
        }

        var blocking = Files.Count(f => f.IsBlocking);
        text.Append("Verdict: ").AppendLine(blocking == 0
            ? $"OK ({Files.Count} files)"
            : $"BREAKING ({blocking} of {Files.Count} files)");
        return text.ToString();
    }
}
