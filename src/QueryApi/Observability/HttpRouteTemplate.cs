using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RecoStreams.QueryApi.Observability;

/// <summary>The matched endpoint's route template: low-cardinality, unlike the raw path with its ids.</summary>
internal static class HttpRouteTemplate
{
    public static string? Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText : null;
}
