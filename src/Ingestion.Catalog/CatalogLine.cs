using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// One record read from a catalog source: the item it parsed to, or why it could not be parsed.
/// <paramref name="Location"/> says where it came from (a file line number, or an item id from the service).
/// </summary>
public sealed record CatalogLine(long Location, CatalogItem? Item, string? Error)
{
    public static CatalogLine Parsed(long location, CatalogItem item) => new(location, item, null);

    public static CatalogLine Malformed(long location, string error) => new(location, null, error);
}
