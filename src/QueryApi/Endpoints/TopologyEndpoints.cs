using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>GET /topology: the running topology's description, in Kafka Streams' text format.</summary>
public static class TopologyEndpoints
{
    public static IEndpointRouteBuilder MapTopologyEndpoints(this IEndpointRouteBuilder endpoints, string description)
    {
        endpoints.MapGet("/topology", () => Results.Text(description, "text/plain; charset=utf-8"))
            .RequireAuthorization(RecoStreamsPolicies.Admin)
            .WithName("GetTopology");
        return endpoints;
    }
}
