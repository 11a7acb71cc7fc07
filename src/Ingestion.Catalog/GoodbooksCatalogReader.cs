using System.Globalization;
using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// goodbooks-10k books.csv. The item id is book_id (what ratings.csv refers to); authors become creators,
/// language_code the language, the publication year and goodreads id attributes, shelves (when given) genres.
/// </summary>
public static class GoodbooksCatalogReader
{
    public static IEnumerable<CatalogLine> Read(string path, GoodbooksShelves? shelves, DateTimeOffset updatedAt)
    {
        var csv = CsvRows.Open(path);
        var (id, goodreadsId, authors, title, language) =
            (csv.Column("book_id"), csv.Column("goodreads_book_id"), csv.Column("authors"), csv.Column("title"), csv.Column("language_code"));
        var year = csv.HasColumn("original_publication_year") ? csv.Column("original_publication_year") : -1;
        foreach (var (lineNumber, fields) in csv.Rows())
        {
            if (fields.Count != csv.FieldCount)
            {
                yield return CatalogLine.Malformed(lineNumber, $"has {fields.Count} fields, expected {csv.FieldCount}");
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["goodreads_book_id"] = fields[goodreadsId] };
            // The year is written as a float ("2008.0"); negative years are real (ancient texts).
            if (year >= 0 && double.TryParse(fields[year], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                attributes["year"] = ((long)y).ToString(CultureInfo.InvariantCulture);
            }

            yield return CatalogLine.Parsed(lineNumber, new CatalogItem
            {
                ItemId = fields[id],
                Title = fields[title].Trim(),
                Genres = shelves?.GenresOf(fields[goodreadsId]) ?? [],
                Creators = [.. fields[authors].Split(',', StringSplitOptions.TrimEntries)],
                Language = fields[language].Length == 0 ? null : fields[language],
                UpdatedAt = updatedAt,
                Attributes = attributes,
            });
        }
    }
}
