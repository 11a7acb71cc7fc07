using System.Text;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// The text layouts MovieLens has shipped its files in over the years, so `evaluate` reads a release the project does
/// not ship as it is downloaded (goodbooks-10k's books.csv is <see cref="Csv"/>). Told apart by a file's first line.
/// </summary>
public enum DatasetLayout
{
    /// <summary>Comma-separated with a header (ml-latest, ml-20m, ml-25m, ml-32m: ratings.csv, movies.csv).</summary>
    Csv,

    /// <summary>"::"-separated, no header (ml-1m, ml-10m: ratings.dat, movies.dat).</summary>
    DoubleColon,

    /// <summary>Tab-separated ratings, no header (ml-100k: u.data).</summary>
    Tab,

    /// <summary>'|'-separated items with 19 genre flags, no header (ml-100k: u.item).</summary>
    Pipe,
}

/// <summary>Reads the rows of a dataset file in any <see cref="DatasetLayout"/>.</summary>
public static class DatasetRows
{
    /// <summary>u.item: id, title, release date, video release date, IMDb URL, then one 0/1 flag per genre of <see cref="PipeGenres"/>.</summary>
    public const int PipeGenreOffset = 5;

    /// <summary>ml-100k's genres in u.item's flag order (its README and u.genre); the first, "unknown", means none.</summary>
    public static readonly IReadOnlyList<string> PipeGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    public static DatasetLayout LayoutOf(string firstLine)
    {
        ArgumentNullException.ThrowIfNull(firstLine);
        if (firstLine.Contains("::", StringComparison.Ordinal))
        {
            return DatasetLayout.DoubleColon;
        }

        if (firstLine.Contains('\t', StringComparison.Ordinal))
        {
            return DatasetLayout.Tab;
        }

        // movies.csv's genres hold '|' too, but never in its header, and never 23 of them.
        return firstLine.Split('|').Length >= PipeGenreOffset + PipeGenres.Count ? DatasetLayout.Pipe : DatasetLayout.Csv;
    }

    /// <summary>
    /// The data rows of <paramref name="lines"/> (a Csv header skipped, blank lines too), each split by its layout;
    /// a row with fewer than <paramref name="minFields"/> fields (in <see cref="DatasetLayout.Pipe"/>, fewer than its id, title,
    /// three dates and URLs, and genre flags) is a <see cref="FormatException"/> naming its line.
    /// </summary>
    public static IEnumerable<(DatasetLayout Layout, List<string> Fields)> Read(string path, IEnumerable<string> lines, int minFields)
    {
        DatasetLayout? layout = null;
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (layout is null)
            {
                layout = LayoutOf(line);
                if (layout == DatasetLayout.Pipe)
                {
                    minFields = Math.Max(minFields, PipeGenreOffset + PipeGenres.Count);
                }
                else if (layout == DatasetLayout.Csv)
                {
                    continue;
                }
            }

            var fields = Split(line, layout.Value);
            if (fields.Count < minFields)
            {
                throw new FormatException($"{path}:{lineNumber} has {fields.Count} fields, expected at least {minFields}.");
            }

            yield return (layout.Value, fields);
        }
    }

    /// <summary>
    /// A small file's lines, as UTF-8 when it is valid UTF-8, else as Latin-1: ml-1m's movies.dat and ml-100k's u.item
    /// are Latin-1, where a UTF-8 reader would turn every accented title into replacement characters.
    /// </summary>
    public static string[] ReadSmallFileLines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return text.TrimStart('\uFEFF').Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    private static List<string> Split(string line, DatasetLayout layout) => layout switch
    {
        DatasetLayout.DoubleColon => [.. line.Split("::")],
        DatasetLayout.Tab => [.. line.Split('\t')],
        DatasetLayout.Pipe => [.. line.Split('|')],
        _ => CsvLine.Split(line),
    };
}
