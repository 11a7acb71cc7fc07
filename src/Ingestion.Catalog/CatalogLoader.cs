using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// Validates a whole catalog file before publishing any of it: a file with a bad record is refused
/// outright (nothing is half-loaded) unless the caller explicitly chose to skip invalid records.
/// </summary>
public static class CatalogLoader
{
    /// <param name="lines">The parsed file.</param>
    /// <param name="publisher">Where valid items go; null validates only (dry run).</param>
    /// <param name="skipInvalid">Publish the valid items even when some are bad.</param>
    public static CatalogLoadReport Load(IEnumerable<CatalogLine> lines, CatalogPublisher? publisher, bool skipInvalid, TimeSpan flushTimeout)
    {
        var (valid, invalid, read) = Check(lines);
        if (publisher is null || (invalid.Count > 0 && !skipInvalid))
        {
            return new CatalogLoadReport(read, invalid, 0);
        }

        foreach (var item in valid)
        {
            publisher.Publish(item);
        }

        publisher.Flush(flushTimeout);
        return new CatalogLoadReport(read, invalid, publisher.Delivered);
    }

    /// <summary>Reads everything first: validity is a property of the file, decided before the first send.</summary>
    private static (List<CatalogItem> Valid, List<CatalogLine> Invalid, long Read) Check(IEnumerable<CatalogLine> lines)
    {
        var valid = new List<CatalogItem>();
        var invalid = new List<CatalogLine>();
        var firstLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0;
        foreach (var line in lines)
        {
            read++;
            if (line.Item is not { } item)
            {
                invalid.Add(line);
                continue;
            }

            var errors = CatalogItemValidator.Validate(item).ToList();
            // A repeated id in one file is a source bug: compaction would silently keep whichever came last.
            if (!string.IsNullOrEmpty(item.ItemId) && !firstLineOfId.TryAdd(item.ItemId, line.Location))
            {
                errors.Add($"item_id '{item.ItemId}' repeats line {firstLineOfId[item.ItemId]}");
            }

            if (errors.Count > 0)
            {
                invalid.Add(CatalogLine.Malformed(line.Location, string.Join("; ", errors)));
            }
            else
            {
                valid.Add(item);
            }
        }

        return (valid, invalid, read);
    }
}
