using System.Globalization;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// Readers for the public datasets used offline. MovieLens in any of its layouts (<see cref="DatasetLayout"/>):
/// ratings (user, movie, rating, timestamp in seconds) and movies (id, title, genres with '|' separators, or
/// ml-100k's genre flags). goodbooks-10k: books.csv, whose quoted authors field lists creators separated by commas.
/// </summary>
public static class DatasetReaders
{
    private const string NoGenres = "(no genres listed)";

    public static List<EngagementEvent> ReadMovieLensRatings(string path)
    {
        var events = new List<EngagementEvent>();
        foreach (var (_, fields) in DatasetRows.Read(path, File.ReadLines(path), minFields: 4))
        {
            var (user, item) = (fields[0], fields[1]);
            if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating)
                || !long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                || seconds < -62_135_596_800 || seconds > 253_402_300_799)
            {
                throw new FormatException($"{path}: the row '{string.Join(",", fields)}' needs a numeric rating and a Unix time in seconds.");
            }

            var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
            events.Add(new EngagementEvent($"ml:{user}:{item}:{fields[3]}", user, item, EventType.Rating, at, rating));
        }

        return events;
    }

    /// <summary>A catalog in either layout, told apart by the header: goodbooks-10k's has book_id.</summary>
    public static List<CatalogItem> ReadCatalog(string path)
    {
        var header = File.ReadLines(path).FirstOrDefault() ?? throw new FormatException($"{path} is empty.");
        return CsvLine.Split(header).Contains("book_id") ? ReadGoodbooks(path) : ReadMovieLensMovies(path);
    }

    public static List<CatalogItem> ReadMovieLensMovies(string path) =>
        [.. DatasetRows.Read(path, DatasetRows.ReadSmallFileLines(path), minFields: 3).Select(row => new CatalogItem(
            row.Fields[0],
            row.Fields[1],
            row.Layout == DatasetLayout.Pipe ? FlaggedGenres(row.Fields) : ListedGenres(row.Fields[2]),
            [],
            null,
            ReleaseTags(row.Fields[1]),
            null,
            true,
            DateTimeOffset.UnixEpoch))];

    private static string[] ListedGenres(string genres) => genres == NoGenres ? [] : genres.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>ml-100k's u.item: a 0/1 flag per genre; "unknown" is its marker for none.</summary>
    private static string[] FlaggedGenres(List<string> fields) =>
        [.. DatasetRows.PipeGenres.Where((_, i) => i > 0 && fields[DatasetRows.PipeGenreOffset + i] == "1")];

    /// <summary>"Heat (1995)" → ["decade:1990s"]: the era is content users follow from one rating to the next.</summary>
    public static IReadOnlyList<string> ReleaseTags(string title)
    {
        var open = title.TrimEnd().LastIndexOf('(');
        return open >= 0 && title.TrimEnd() is var t && t.EndsWith(')') && int.TryParse(t[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1800 and < 2100
            ? [$"decade:{year / 10 * 10}s"]
            : [];
    }

    public static List<CatalogItem> ReadGoodbooks(string path)
    {
        var lines = File.ReadLines(path);
        var header = CsvLine.Split(lines.First());
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"{path} has no '{name}' column.");
        var (id, authors, title, language) = (Column("book_id"), Column("authors"), Column("title"), Column("language_code"));
        return [.. DatasetRows.Read(path, lines, minFields: header.Count).Select(row => row.Fields).Select(f => new CatalogItem(
            f[id],
            f[title],
            [],
            f[authors].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            f[language].Length == 0 ? null : f[language],
            [],
            null,
            true,
            DateTimeOffset.UnixEpoch))];
    }
}
