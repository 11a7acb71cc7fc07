using System.Globalization;
using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// MovieLens movies.csv (movieId,title,genres). Genres split on '|' keeping empty entries so the
/// validator can reject "Drama||Comedy"; "(no genres listed)" means none. "Heat (1995)" gives year=1995.
/// </summary>
public static class MovieLensCatalogReader
{
    private const string NoGenres = "(no genres listed)";

    public static IEnumerable<CatalogLine> Read(string path, DateTimeOffset updatedAt)
    {
        var csv = CsvRows.Open(path);
        var (id, title, genres) = (csv.Column("movieId"), csv.Column("title"), csv.Column("genres"));
        foreach (var (lineNumber, fields) in csv.Rows())
        {
            if (fields.Count != csv.FieldCount)
            {
                yield return CatalogLine.Malformed(lineNumber, $"has {fields.Count} fields, expected {csv.FieldCount}");
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (ReleaseYear(fields[title]) is { } year)
            {
                attributes["year"] = year.ToString(CultureInfo.InvariantCulture);
            }

            yield return CatalogLine.Parsed(lineNumber, new CatalogItem
            {
                ItemId = fields[id],
                Title = fields[title].Trim(),
                Genres = fields[genres] == NoGenres ? [] : fields[genres].Split('|'),
                UpdatedAt = updatedAt,
                Attributes = attributes,
            });
        }
    }

    /// <summary>The trailing "(yyyy)" of a MovieLens title, when plausible.</summary>
    public static int? ReleaseYear(string title)
    {
        var t = title.TrimEnd();
        var open = t.LastIndexOf('(');
        return open >= 0 && t.EndsWith(')')
            && int.TryParse(t[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is > 1800 and < 2100
            ? year
            : null;
    }
}
