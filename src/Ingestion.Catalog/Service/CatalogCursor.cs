using System.Text.Json;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>
/// Where the connector resumes: the largest updated_at already published, and the ETag the service
/// gave for the first page at exactly that position (so an unchanged catalog costs one 304).
/// </summary>
public sealed record CatalogCursor(DateTimeOffset? UpdatedSince, string? ETag)
{
    public static readonly CatalogCursor Start = new(null, null);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static CatalogCursor Load(string path)
    {
        if (!File.Exists(path))
        {
            return Start;
        }

        return JsonSerializer.Deserialize<CatalogCursor>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} holds no catalog cursor.");
    }

    /// <summary>
    /// Writes through a temporary file and a rename, so a crash leaves the old cursor or the new one,
    /// never a torn file that would restart the connector from the beginning of the catalog.
    /// </summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
