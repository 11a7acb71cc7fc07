namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>The repository's deploy/ folder, found above the test's working directory.</summary>
internal static class DeployFolder
{
    public static string? Find(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
