using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace RecoStreams.QueryApi.Routing;

/// <summary>The owner's answer, passed to the caller unchanged: status, content type, Retry-After and body.</summary>
public sealed record ForwardedResponse(int StatusCode, string? ContentType, string? RetryAfter, byte[] Body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (RetryAfter is not null)
        {
            response.Headers[HeaderNames.RetryAfter] = RetryAfter;
        }

        await response.Body.WriteAsync(Body, httpContext.RequestAborted);
    }
}
