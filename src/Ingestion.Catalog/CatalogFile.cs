namespace RecoStreams.Ingestion.Catalog;

/// <summary>Opens a catalog file in the format asked for.</summary>
public static class CatalogFile
{
    public static IEnumerable<CatalogLine> Read(CatalogFormat format, string path, GoodbooksShelves? shelves, DateTimeOffset updatedAt) => format switch
    {
        CatalogFormat.MovieLens => MovieLensCatalogReader.Read(path, updatedAt),
        CatalogFormat.Goodbooks => GoodbooksCatalogReader.Read(path, shelves, updatedAt),
        CatalogFormat.Jsonl => JsonlCatalogReader.Read(path),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown catalog format."),
    };
}
