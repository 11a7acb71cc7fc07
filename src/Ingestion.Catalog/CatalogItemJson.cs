using System.Text.Json;
using System.Text.Json.Serialization;
using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// The JSON form of a CatalogItem, shared by JSONL files and the Catalog Service: the Avro contract's
/// snake_case field names, timestamps as ISO 8601. Only item_id, title and updated_at are required.
/// </summary>
public sealed class CatalogItemJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public string? ItemId { get; set; }

    public string? Title { get; set; }

    public List<string>? Genres { get; set; }

    public List<string>? Creators { get; set; }

    public string? Language { get; set; }

    public List<string>? Tags { get; set; }

    public double? DurationSeconds { get; set; }

    public bool? Available { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Parses one JSON object; the error names what is missing or malformed.</summary>
    public static CatalogLine Parse(long location, string json)
    {
        CatalogItemJson? dto;
        try
        {
            dto = JsonSerializer.Deserialize<CatalogItemJson>(json, Options);
        }
        catch (JsonException e)
        {
            return CatalogLine.Malformed(location, $"not a CatalogItem JSON object: {e.Message}");
        }

        return dto is null ? CatalogLine.Malformed(location, "null instead of an object") : dto.ToLine(location);
    }

    /// <summary>Maps an already-parsed element (e.g. one entry of a service page).</summary>
    public static CatalogLine FromElement(long location, JsonElement element)
    {
        try
        {
            var dto = element.Deserialize<CatalogItemJson>(Options);
            return dto is null ? CatalogLine.Malformed(location, "null instead of an object") : dto.ToLine(location);
        }
        catch (JsonException e)
        {
            return CatalogLine.Malformed(location, $"not a CatalogItem JSON object: {e.Message}");
        }
    }

    private CatalogLine ToLine(long location)
    {
        if (ItemId is null || Title is null || UpdatedAt is null)
        {
            var missing = new[] { (ItemId, "item_id"), (Title, "title"), (UpdatedAt?.ToString(), "updated_at") }
                .Where(f => f.Item1 is null).Select(f => f.Item2);
            return CatalogLine.Malformed(location, $"missing {string.Join(", ", missing)}");
        }

        return CatalogLine.Parsed(location, new CatalogItem
        {
            ItemId = ItemId,
            Title = Title,
            Genres = Genres ?? [],
            Creators = Creators ?? [],
            Language = Language,
            Tags = Tags ?? [],
            DurationSeconds = DurationSeconds,
            Available = Available ?? true,
            PublishedAt = PublishedAt,
            UpdatedAt = UpdatedAt.Value,
            Attributes = Attributes ?? new Dictionary<string, string>(),
        });
    }
}
