using System.Globalization;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// goodbooks-10k's user shelves (book_tags.csv: goodreads_book_id,tag_id,count; tags.csv: tag_id,tag_name)
/// turned into genres: a book's most-used shelves, minus the reading-status shelves every book is on,
/// which say nothing about its content and would make every book look alike.
/// </summary>
public sealed class GoodbooksShelves
{
    /// <summary>More shelves than this are mostly noise ("books-i-own", one-off user names).</summary>
    public const int GenresPerBook = 5;

    private static readonly HashSet<string> StatusShelves = new(StringComparer.OrdinalIgnoreCase)
    {
        "to-read", "currently-reading", "read", "favorites", "favourites", "owned", "books-i-own", "own",
        "my-books", "library", "kindle", "ebook", "ebooks", "default", "-",
    };

    private readonly Dictionary<string, IReadOnlyList<string>> _byGoodreadsId;

    private GoodbooksShelves(Dictionary<string, IReadOnlyList<string>> byGoodreadsId) => _byGoodreadsId = byGoodreadsId;

    public static GoodbooksShelves Load(string bookTagsPath, string tagNamesPath)
    {
        var names = CsvRows.Open(tagNamesPath);
        var (tagId, tagName) = (names.Column("tag_id"), names.Column("tag_name"));
        var nameById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, fields) in names.Rows())
        {
            if (fields.Count > Math.Max(tagId, tagName))
            {
                nameById[fields[tagId]] = fields[tagName].Trim();
            }
        }

        var counts = CsvRows.Open(bookTagsPath);
        var (book, tag, count) = (counts.Column("goodreads_book_id"), counts.Column("tag_id"), counts.Column("count"));
        var shelves = new Dictionary<string, List<(string Name, long Count)>>(StringComparer.Ordinal);
        foreach (var (lineNumber, fields) in counts.Rows())
        {
            if (fields.Count <= Math.Max(book, Math.Max(tag, count))
                || !long.TryParse(fields[count], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                throw new FormatException($"{bookTagsPath}:{lineNumber} is not goodreads_book_id,tag_id,count.");
            }

            if (nameById.TryGetValue(fields[tag], out var name) && name.Length > 0 && !StatusShelves.Contains(name))
            {
                (shelves.TryGetValue(fields[book], out var list) ? list : shelves[fields[book]] = []).Add((name, n));
            }
        }

        return new GoodbooksShelves(shelves.ToDictionary(
            s => s.Key,
            s => (IReadOnlyList<string>)[.. s.Value.OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => t.Name).Distinct(StringComparer.Ordinal).Take(GenresPerBook)],
            StringComparer.Ordinal));
    }

    public IReadOnlyList<string> GenresOf(string goodreadsBookId) =>
        _byGoodreadsId.TryGetValue(goodreadsBookId, out var genres) ? genres : [];
}
