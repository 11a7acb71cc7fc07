namespace RecoStreams.QueryApi.Schemas;

/// <summary>The .avsc files of a contracts folder as they are on disk now.</summary>
internal static class ContractFolder
{
    /// <summary>File name → text of every *.avsc directly in <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new SchemaToolException($"schema folder '{directory}' does not exist");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var path in Directory.EnumerateFiles(directory, "*.avsc"))
            {
                files[Path.GetFileName(path)] = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SchemaToolException($"cannot read schema folder '{directory}': {e.Message}", e);
        }

        return files;
    }
}
