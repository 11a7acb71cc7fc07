using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.QueryApi.Http;

/// <summary>Adds what every problem response carries: the request path as <c>instance</c> and a trace id.</summary>
public static class ProblemDetailsEnricher
{
    public static void Enrich(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        // The trace id lets a client's bug report be matched with the server's logs and spans.
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
