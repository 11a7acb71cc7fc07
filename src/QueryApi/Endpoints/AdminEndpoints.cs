using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>POST /admin/backfill: recompute every user this instance holds, e.g. after a model or catalog change.</summary>
public static class AdminEndpoints
{
    private const int InFlight = 1000;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The per-caller rate limiter of the pipeline applies: an admin cannot queue backfills in a tight loop.
        endpoints.MapPost("/admin/backfill", Backfill).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("Backfill");
        return endpoints;
    }

    private static async Task<IResult> Backfill(IRecommendationQueries queries, IRecoEventPublisher publisher, CancellationToken cancellationToken)
    {
        // Local profile stores only: each instance backfills the users it owns, so calling every instance
        // (or any one per partition owner) covers everyone once.
        var users = queries.LocalUserIds();
        // Produces are pipelined in chunks: one at a time would wait a round trip per user.
        foreach (var chunk in users.Chunk(InFlight))
        {
            await Task.WhenAll(chunk.Select(user => publisher.PublishRefreshAsync(user, cancellationToken)));
        }

        return QueryResults.Accepted(new AcceptedResponse("backfill requested", users.Count));
    }
}
