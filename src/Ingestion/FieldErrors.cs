namespace RecoStreams.Ingestion;

/// <summary>
/// Every problem found in a record's fields, by field name, so one report lists them all: a file loader
/// prints them per line, the host answers them as one 400 (its RequestValidator adds the HTTP mapping).
/// Ids share one rule wherever they come from.
/// </summary>
public class FieldErrors
{
    public const int MaxIdLength = 128;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Errors added so far, over all fields.</summary>
    public int ErrorCount => _errors.Values.Sum(m => m.Count);

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>True for 1 to 128 characters of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public static bool IsValidId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && value.All(IsIdChar);

    public string UserId(string name, string? value) => Id(name, value, "user id");

    public string ItemId(string name, string? value) => Id(name, value, "item id");

    /// <summary>Adds a custom error for a field.</summary>
    public void Add(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var messages))
        {
            _errors[name] = messages = [];
        }

        messages.Add(message);
    }

    private string Id(string name, string? value, string what)
    {
        if (IsValidId(value))
        {
            return value!;
        }

        Add(name, $"must be a {what} of 1 to {MaxIdLength} characters from A-Z, a-z, 0-9, '_', '.', ':' and '-'");
        return string.Empty;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-';
}
