using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecoStreams.Ingestion;
using RecoStreams.QueryApi.Endpoints.Contracts;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>Responses and body reading shared by the query endpoints.</summary>
internal static class QueryResults
{
    public static IResult Ok<T>(T body) => TypedResults.Json(body, QueryJson.Options);

    public static IResult Accepted<T>(T body, string? location = null)
    {
        var json = TypedResults.Json(body, QueryJson.Options, statusCode: StatusCodes.Status202Accepted);
        return location is null ? json : new LocatedResult(location, json);
    }

    public static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>
    /// The body, or null with a problem: 400 when it is missing or not JSON of the expected shape (saying where,
    /// without .NET type names), 413 when it is longer than <paramref name="maxBytes"/> (a per-route limit far
    /// below Kestrel's 30 MB default, so no route buffers more than its largest valid request).
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadBody<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (bytes, problem) = await ReadBytes(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var body = bytes!.Length == 0 ? null : JsonSerializer.Deserialize<T>(bytes, QueryJson.Options);
            return body is null ? (null, BadBody("The request body is empty.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, BadBody($"The request body is not valid JSON of the expected shape: {JsonProblem.Describe(e)}."));
        }
    }

    /// <summary>The raw JSON body, at most <paramref name="maxBytes"/> long, or a 400/413 problem.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBytes(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, BadBody("The request body must be application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    public static IResult BadBody(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"The request body is larger than this route's limit of {maxBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Adds a Location header to another result (202 Accepted names where the outcome will be).</summary>
    private sealed class LocatedResult(string location, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
