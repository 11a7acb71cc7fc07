using System.Text.Json;

namespace RecoStreams.Ingestion;

/// <summary>
/// Says where a JSON body went wrong without System.Text.Json's message, which names .NET types
/// (e.g. IReadOnlyList`1[System.String]) that mean nothing to a client and reveal internals.
/// </summary>
public static class JsonProblem
{
    public static string Describe(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the document" : e.Path;
        var position = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
        return $"unexpected value or syntax at {where}{position}";
    }
}
