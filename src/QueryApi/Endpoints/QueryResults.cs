using System.Text.Json;
using Microsoft.AspNetCore.Http;
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

    /// <summary>The body, or null with a 400 problem when it is missing or not JSON of the expected shape.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadBody<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await request.ReadFromJsonAsync<T>(QueryJson.Options, cancellationToken);
            return body is null ? (null, BadBody("The request body is empty.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, BadBody($"The request body is not valid JSON of the expected shape: {e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // Thrown for a content type other than JSON.
            return (null, BadBody("The request body must be application/json."));
        }
    }

    private static IResult BadBody(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

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
