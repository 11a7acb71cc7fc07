using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RecoStreams.QueryApi.Http;

/// <summary>
/// Validates route and query parameters, collecting every error so one 400 response lists them all in
/// the problem's <c>errors</c> member. Parameters are taken as strings so a malformed number is reported
/// like any other validation error instead of as an opaque binding failure.
/// </summary>
/// <example>
/// <code>
/// var v = new RequestValidator();
/// var user = v.UserId("userId", userId);
/// var take = v.Limit("limit", limit, defaultValue: 20);
/// if (v.HasErrors) return v.ToProblem();
/// </code>
/// </example>
public sealed class RequestValidator
{
    public const int MaxIdLength = 128;
    public const int MaxLimit = 100;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Errors added so far, over all parameters.</summary>
    public int ErrorCount => _errors.Values.Sum(m => m.Count);

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>True for 1 to 128 characters of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public static bool IsValidId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && value.All(IsIdChar);

    public string UserId(string name, string? value) => Id(name, value, "user id");

    public string ItemId(string name, string? value) => Id(name, value, "item id");

    /// <summary>A page size of 1 to 100; <paramref name="defaultValue"/> when absent.</summary>
    public int Limit(string name, string? value, int defaultValue) =>
        Integer(name, value, defaultValue, 1, MaxLimit, $"must be an integer from 1 to {MaxLimit}");

    /// <summary>A zero-based offset; 0 when absent.</summary>
    public int Offset(string name, string? value) =>
        Integer(name, value, 0, 0, int.MaxValue, "must be a non-negative integer");

    /// <summary><c>1h</c> or <c>24h</c>; <paramref name="defaultValue"/> when absent.</summary>
    public RecommendationWindow Window(string name, string? value, RecommendationWindow defaultValue)
    {
        switch (value)
        {
            case null or "":
                return defaultValue;
            case "1h":
                return RecommendationWindow.OneHour;
            case "24h":
                return RecommendationWindow.TwentyFourHours;
            default:
                Add(name, "must be 1h or 24h");
                return defaultValue;
        }
    }

    /// <summary>Adds a custom error for a parameter.</summary>
    public void Add(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var messages))
        {
            _errors[name] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The 400 <c>application/problem+json</c> response listing every error.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(Errors, detail: "One or more request parameters are invalid.");

    private string Id(string name, string? value, string what)
    {
        if (IsValidId(value))
        {
            return value!;
        }

        Add(name, $"must be a {what} of 1 to {MaxIdLength} characters from A-Z, a-z, 0-9, '_', '.', ':' and '-'");
        return string.Empty;
    }

    private int Integer(string name, string? value, int defaultValue, int min, int max, string rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        Add(name, rule);
        return defaultValue;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-';
}
