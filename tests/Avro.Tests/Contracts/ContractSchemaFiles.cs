namespace RecoStreams.Avro.Tests.Contracts;

/// <summary>Reads the contract .avsc files from schemas/avro at the repository root.</summary>
internal static class ContractSchemaFiles
{
    public static readonly string[] Names = ["EngagementEvent", "CatalogItem", "RecommendationUpdated", "RecommendationFeedback", "ItemStats"];

    private static readonly Lazy<string> Directory = new(() =>
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

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory.Value, name + ".avsc"));
}
