using System.Text.Json;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>
/// One page of the Catalog Service's change feed (see <see cref="CatalogServiceClient"/> for the contract).
/// Items stay raw JSON here so one malformed item is skipped, not the page.
/// </summary>
public sealed record CatalogPage(IReadOnlyList<JsonElement> Items, IReadOnlyList<string> Deleted, string? NextPageToken, string? ETag)
{
    /// <summary>A 304: nothing changed since the ETag sent.</summary>
    public static readonly CatalogPage NotModified = new([], [], null, null);

    public bool IsNotModified => ReferenceEquals(this, NotModified);

    /// <summary>Parses the body; the page as a whole must be well-formed (its items need not be).</summary>
    public static CatalogPage Parse(string body, string? etag)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogServiceException("The catalog page has no \"items\" array.");
        }

        var deleted = new List<string>();
        if (root.TryGetProperty("deleted", out var removed) && removed.ValueKind == JsonValueKind.Array)
        {
            deleted.AddRange(removed.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String
                ? d.GetString()!
                : throw new CatalogServiceException("\"deleted\" must list item ids as strings.")));
        }

        var next = root.TryGetProperty("next_page_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        return new CatalogPage([.. items.EnumerateArray().Select(i => i.Clone())], deleted, string.IsNullOrEmpty(next) ? null : next, etag);
    }
}
