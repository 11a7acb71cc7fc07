namespace RecoStreams.Ingestion.Catalog;

/// <summary>Reads one CatalogItem JSON object per line; blank lines are skipped but still counted.</summary>
public static class JsonlCatalogReader
{
    public static IEnumerable<CatalogLine> Read(string path)
    {
        long lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return CatalogItemJson.Parse(lineNumber, line);
            }
        }
    }
}
