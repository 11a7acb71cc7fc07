namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>What one poll of the Catalog Service did.</summary>
/// <param name="NotModified">The service answered 304: the catalog is unchanged since the last poll.</param>
/// <param name="Skipped">Malformed or invalid items, by id (or position when the id is unreadable), with the reason.</param>
public sealed record CatalogPollResult(bool NotModified, int Pages, int Published, int Deleted, IReadOnlyList<(string ItemId, string Reason)> Skipped);
