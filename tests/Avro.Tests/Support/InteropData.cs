using Xunit;

namespace RecoStreams.Avro.Tests.Support;

/// <summary>
/// Locates the shared Apache Avro interop vectors at ../shared/data/avro-interop relative to the repo
/// root (the folder holding RecoStreams.sln). Tests skip, saying why, when the data is absent.
/// </summary>
internal static class InteropData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string PathOf(string relative)
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip("shared Avro interop data not found at ../shared/data/avro-interop relative to the repo root");
        }

        var path = Path.Combine(root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"shared Avro interop file missing: {path}");
        }

        return path;
    }

    /// <summary>Paths, relative to the interop root, of the files matching <paramref name="searchPattern"/>; empty when the data is absent.</summary>
    public static IReadOnlyList<string> Find(string searchPattern) => Root.Value is { } root
        ? Directory.EnumerateFiles(root, searchPattern, SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList()
        : [];

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "avro-interop"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
