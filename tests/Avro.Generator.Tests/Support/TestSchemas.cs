namespace RecoStreams.Avro.Generator.Tests.Support;

/// <summary>The test's own schemas (copied next to the binary) and the repository's contract files.</summary>
internal static class TestSchemas
{
    private static readonly Lazy<string> ContractDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
            {
                return Path.Combine(dir.FullName, "schemas", "avro");
            }
        }

        throw new InvalidOperationException($"RecoStreams.sln not found above {AppContext.BaseDirectory}; the contract files cannot be located");
    });

    public static string Own(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", fileName));

    /// <summary>Paths of schemas/avro/*.avsc, the files src/Avro generates its contracts from.</summary>
    public static IReadOnlyList<string> ContractFiles => Directory.GetFiles(ContractDirectory.Value, "*.avsc").Order(StringComparer.Ordinal).ToList();

    public static string ContractFile(string name) => Path.Combine(ContractDirectory.Value, name + ".avsc");
}
