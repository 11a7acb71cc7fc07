using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RecoStreams.Ingestion;

namespace RecoStreams.QueryApi.Http;

/// <summary>
/// Validates route and query parameters, collecting every error so one 400 response lists them all in
/// the problem's <c>errors</c> member. Parameters are taken as strings so a malformed number is reported
/// like any other validation error instead of as an opaque binding failure. The id rules and the error list
/// come from <see cref="FieldErrors"/> (shared with the file loaders); this adds query parameters and the RFC 7807 answer.
/// </summary>
/// <example>
/// <code>
/// var v = new RequestValidator();
/// var user = v.UserId("userId", userId);
/// var take = v.Limit("limit", limit, defaultValue: 20);
/// if (v.HasErrors) return v.ToProblem();
/// </code>
/// </example>
public sealed class RequestValidator : FieldErrors
{
    public const int MaxLimit = 100;

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

    /// <summary>The 400 <c>application/problem+json</c> response listing every error.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(Errors, detail: "One or more request parameters are invalid.");

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
}
