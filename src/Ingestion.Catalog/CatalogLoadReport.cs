namespace RecoStreams.Ingestion.Catalog;

/// <summary>The outcome of loading one catalog file.</summary>
/// <param name="Read">Records read (valid or not).</param>
/// <param name="Invalid">Every bad record with its line number and reasons, in file order.</param>
/// <param name="Published">Items delivered to the topic (0 when the load was refused or a dry run).</param>
public sealed record CatalogLoadReport(long Read, IReadOnlyList<CatalogLine> Invalid, long Published)
{
    public long Valid => Read - Invalid.Count;
}
