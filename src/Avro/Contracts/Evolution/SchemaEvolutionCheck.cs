using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts.Evolution;

/// <summary>
/// Checks edited .avsc files against their earlier versions under a compatibility level, the way
/// the registry would when the new versions are registered, and reports each breaking change with
/// its path. For data engineers before merging and for CI; the caller supplies the texts.
/// </summary>
public static class SchemaEvolutionCheck
{
    /// <summary>Checks every file in <paramref name="files"/> under <paramref name="level"/>.</summary>
    public static SchemaEvolutionReport Run(IEnumerable<SchemaFileVersions> files, CompatibilityLevel level)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = files
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => CheckFile(f, level))
            .ToList();
        return new SchemaEvolutionReport(level, results);
    }

    private static FileEvolution CheckFile(SchemaFileVersions file, CompatibilityLevel level)
    {
        if (file.Current is null)
        {
            return new FileEvolution(file.Name, file.Previous.Count == 0 || level == CompatibilityLevel.None
                ? FileEvolutionStatus.Ok
                : FileEvolutionStatus.Removed, []);
        }

        AvroSchema current;
        var previous = new List<AvroSchema>(file.Previous.Count);
        try
        {
            current = AvroSchema.Parse(file.Current);
        }
        catch (Exception e) when (e is AvroException or System.Text.Json.JsonException)
        {
            return new FileEvolution(file.Name, FileEvolutionStatus.Invalid, [], $"current version is not a valid schema: {e.Message}");
        }

        for (var i = 0; i < file.Previous.Count; i++)
        {
            try
            {
                previous.Add(AvroSchema.Parse(file.Previous[i]));
            }
            catch (Exception e) when (e is AvroException or System.Text.Json.JsonException)
            {
                return new FileEvolution(file.Name, FileEvolutionStatus.Invalid, [], $"previous version {i + 1} is not a valid schema: {e.Message}");
            }
        }

        if (previous.Count == 0)
        {
            return new FileEvolution(file.Name, FileEvolutionStatus.New, []);
        }

        var result = CompatibilityChecker.Check(current, previous, level);
        return result.IsCompatible
            ? new FileEvolution(file.Name, FileEvolutionStatus.Ok, [])
            : new FileEvolution(file.Name, FileEvolutionStatus.Breaking, result.Incompatibilities);
    }
}
