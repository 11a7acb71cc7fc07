using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

/// <summary>The public datasets at ../shared/data relative to the repo root (the folder holding RecoStreams.sln).</summary>
internal static class SharedCatalogData
{
    /// <summary>The file's full path, or a skip that says which file is missing and where it was looked for.</summary>
    public static string Require(params string[] relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            Assert.Skip($"RecoStreams.sln not found above {AppContext.BaseDirectory}, so ../shared/data cannot be located");
        }

        var path = Path.GetFullPath(Path.Combine([dir.FullName, "..", "shared", "data", .. relative]));
        if (!File.Exists(path))
        {
            Assert.Skip($"shared data file missing: {path} (expected at ../shared/data relative to the repo root)");
        }

        return path;
    }
}
