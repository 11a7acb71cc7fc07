using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Ingestion;

/// <summary>
/// A CSV file's data rows with their physical line numbers (the header is line 1), so every bad record
/// can be reported where an editor shows it. Fields are looked up by header name, not position.
/// </summary>
public sealed class CsvRows
{
    private readonly Dictionary<string, int> _columns;

    private CsvRows(string path, List<string> header)
    {
        Path = path;
        _columns = header.Select((name, i) => (name: name.Trim(), i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        FieldCount = header.Count;
    }

    public string Path { get; }

    public int FieldCount { get; }

    public static CsvRows Open(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault() ?? throw new FormatException($"{path} is empty: expected a CSV header.");
        return new CsvRows(path, CsvLine.Split(first.TrimStart('\uFEFF')));
    }

    /// <summary>The index of <paramref name="name"/>; a missing column fails the whole file, not each row.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index) ? index : throw new FormatException($"{Path} has no '{name}' column.");

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    public IEnumerable<(long LineNumber, List<string> Fields)> Rows()
    {
        long lineNumber = 0;
        foreach (var line in File.ReadLines(Path))
        {
            lineNumber++;
            if (lineNumber > 1 && line.Length > 0)
            {
                yield return (lineNumber, CsvLine.Split(line));
            }
        }
    }
}
