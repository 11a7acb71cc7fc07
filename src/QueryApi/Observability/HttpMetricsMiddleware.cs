using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Records each request's duration by route template (never the raw path, whose ids would explode the
/// series count), method and final status code.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, RecoStreamsMetrics metrics)
{
    /// <summary>The route label of requests no endpoint matched.</summary>
    public const string UnmatchedRoute = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // An exception escaping here becomes a 500 further out, even if the status code still reads 200.
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.RecordHttpRequest(RouteOf(context), context.Request.Method, status, Stopwatch.GetElapsedTime(start));
        }
    }

    private static string RouteOf(HttpContext context) => HttpRouteTemplate.Of(context) ?? UnmatchedRoute;
}
