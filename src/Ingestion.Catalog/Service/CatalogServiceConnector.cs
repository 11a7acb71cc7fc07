using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>
/// A source connector from the Catalog Service to catalog-items. Each poll walks the service's pages
/// from the persisted cursor; per page it publishes the valid items and a tombstone per deleted id,
/// flushes, and only then advances the cursor, so a crash re-reads a page rather than losing one.
/// </summary>
public sealed class CatalogServiceConnector(
    CatalogServiceClient client, CatalogPublisher publisher, CatalogConnectorOptions options, ILogger<CatalogServiceConnector> logger)
{
    private CatalogCursor _cursor = CatalogCursor.Load(options.CursorPath);

    public CatalogCursor Cursor => _cursor;

    public async Task<CatalogPollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var since = _cursor.UpdatedSince;
        var skipped = new List<(string, string)>();
        var (pages, published, deleted) = (0, 0, 0);
        string? firstPageETag = null;
        string? pageToken = null;
        do
        {
            // The ETag describes the first page of this exact query; later pages are never conditional.
            var ifNoneMatch = pageToken is null ? _cursor.ETag : null;
            var page = await client.GetPageAsync(since, pageToken, ifNoneMatch, cancellationToken);
            if (page.IsNotModified)
            {
                return new CatalogPollResult(true, pages, published, deleted, skipped);
            }

            firstPageETag ??= pageToken is null ? page.ETag : null;
            pages++;
            var newest = _cursor.UpdatedSince;
            for (var i = 0; i < page.Items.Count; i++)
            {
                var line = CatalogItemJson.FromElement(i, page.Items[i]);
                var errors = line.Item is { } item ? CatalogItemValidator.Validate(item) : [line.Error!];
                if (errors.Count > 0)
                {
                    var id = IdOf(page.Items[i]) ?? $"(item {i} of page {pages}, no item_id)";
                    skipped.Add((id, string.Join("; ", errors)));
                    logger.LogWarning("Catalog item {ItemId} skipped: {Reason}", id, string.Join("; ", errors));
                    continue;
                }

                publisher.Publish(line.Item!);
                published++;
                newest = newest is { } n && n >= line.Item!.UpdatedAt ? n : line.Item!.UpdatedAt;
            }

            foreach (var id in page.Deleted)
            {
                publisher.PublishTombstone(id);
                deleted++;
            }

            publisher.Flush(options.FlushTimeout);
            pageToken = page.NextPageToken;
            Advance(newest, pageToken is null && newest == since ? firstPageETag : null);
        }
        while (pageToken is not null);

        return new CatalogPollResult(false, pages, published, deleted, skipped);
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("item_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private void Advance(DateTimeOffset? updatedSince, string? etag)
    {
        var next = new CatalogCursor(updatedSince, etag);
        if (next != _cursor)
        {
            next.Save(options.CursorPath);
            _cursor = next;
        }
    }
}
