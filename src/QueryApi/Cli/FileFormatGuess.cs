using RecoStreams.Ingestion.Catalog;
using RecoStreams.Ingestion.Events;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.QueryApi.Cli;

/// <summary>
/// Tells a file's layout from its first line: a JSON object means JSON lines, else the CSV header's column
/// names decide. Used when a loader's --format is omitted.
/// </summary>
public static class FileFormatGuess
{
    /// <summary>The first line's CSV columns, or null when the line is a JSON object.</summary>
    public static IReadOnlySet<string>? HeaderColumns(string path)
    {
        var first = (File.ReadLines(path).FirstOrDefault() ?? throw new FormatException($"{path} is empty.")).TrimStart('\uFEFF').Trim();
        return first.StartsWith('{') ? null : CsvLine.Split(first).Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    public static EventFormat Events(string path) => HeaderColumns(path) switch
    {
        null => EventFormat.Jsonl,
        var h when h.IsSupersetOf(["userId", "movieId", "rating", "timestamp"]) => EventFormat.MovieLens,
        var h when h.IsSupersetOf(["user_id", "book_id", "rating"]) => EventFormat.Goodbooks,
        var h => throw Unknown(path, h, "userId,movieId,rating,timestamp (movielens), user_id,book_id,rating (goodbooks) or a JSON object per line (jsonl)"),
    };

    public static CatalogFormat Catalog(string path) => HeaderColumns(path) switch
    {
        null => CatalogFormat.Jsonl,
        var h when h.IsSupersetOf(["movieId", "title", "genres"]) => CatalogFormat.MovieLens,
        var h when h.IsSupersetOf(["book_id", "title", "authors"]) => CatalogFormat.Goodbooks,
        var h => throw Unknown(path, h, "movieId,title,genres (movielens), book_id,...,authors,...,title (goodbooks) or a JSON object per line (jsonl)"),
    };

    private static FormatException Unknown(string path, IReadOnlySet<string> header, string expected) =>
        new($"cannot tell the format of {path} from its header ({string.Join(",", header.Take(8))}); expected {expected}, or pass --format.");
}
