namespace RecoStreams.Ingestion.Catalog;

/// <summary>One `catalog load` invocation: which file, how to read it, what to do with bad records.</summary>
public sealed record CatalogLoadRequest(string Path, CatalogFormat Format, string? TagsPath, string? TagNamesPath, bool SkipInvalid)
{
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Reads, validates and (with a publisher) publishes; every item carries this run's time as updated_at unless the file has its own.</summary>
    public CatalogLoadReport Run(CatalogPublisher? publisher, TimeProvider? clock = null)
    {
        var shelves = TagsPath is not null && TagNamesPath is not null ? GoodbooksShelves.Load(TagsPath, TagNamesPath) : null;
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return CatalogLoader.Load(CatalogFile.Read(Format, Path, shelves, now), publisher, SkipInvalid, FlushTimeout);
    }
}
