using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.QueryApi.Observability.Tracing;

/// <summary>
/// A server span per request (ASP.NET Core's own instrumentation package is not available here). It joins
/// the caller's trace from the W3C <c>traceparent</c> header and is named by route template once routing ran.
/// </summary>
public sealed class HttpTracingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var activity = Start(context);
        if (activity is null)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
            Complete(activity, context, context.Response.StatusCode);
        }
        catch (Exception exception)
        {
            activity.AddException(exception);
            Complete(activity, context, StatusCodes.Status500InternalServerError);
            throw;
        }
    }

    private static Activity? Start(HttpContext context)
    {
        var request = context.Request;
        var name = request.Method;
        // If ASP.NET Core already started a request activity, it parsed traceparent and becomes our parent.
        Activity? activity;
        if (Activity.Current is null
            && ActivityContext.TryParse(request.Headers.TraceParent, request.Headers.TraceState, isRemote: true, out var parent))
        {
            activity = RecoStreamsTracing.Source.StartActivity(name, ActivityKind.Server, parent);
        }
        else
        {
            activity = RecoStreamsTracing.Source.StartActivity(name, ActivityKind.Server);
        }

        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("url.path", request.Path.Value);
        return activity;
    }

    private static void Complete(Activity activity, HttpContext context, int status)
    {
        var route = HttpRouteTemplate.Of(context);
        if (route is not null)
        {
            activity.DisplayName = context.Request.Method + " " + route;
            activity.SetTag("http.route", route);
        }

        activity.SetTag("http.response.status_code", status);
        // Per OpenTelemetry's HTTP conventions only 5xx marks a server span as failed; 4xx is the client's error.
        if (status >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
