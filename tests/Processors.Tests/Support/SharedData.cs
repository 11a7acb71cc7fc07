namespace RecoStreams.Processors.Tests.Support;

/// <summary>Locates /work/shared/data style datasets: ../shared/data relative to the repo root (the folder holding RecoStreams.sln).</summary>
internal static class SharedData
{
    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The dataset folder, or a skip that says plainly what is missing.</summary>
    public static string RequireDataset(string name)
    {
        var root = RepoRoot();
        if (root is null)
        {
            Assert.Skip("RecoStreams.sln not found above the test binaries, so ../shared/data cannot be located.");
        }

        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", name));
        if (!Directory.Exists(path))
        {
            Assert.Skip($"Shared dataset missing: {path} (expected at ../shared/data/{name} relative to the repo root).");
        }

        return path;
    }
}
