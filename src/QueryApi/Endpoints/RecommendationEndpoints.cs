using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.QueryApi.Security;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// A user's recommendations: one page, many users at once, and an on-demand recompute. Reads of a user
/// hosted by another instance are answered by that instance (see <see cref="ForwardToOwnerFilter"/>).
/// </summary>
public static class RecommendationEndpoints
{
    public const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/recommendations/{userId}", Get)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .AddEndpointFilter(new ForwardToOwnerFilter(RecoStoreNames.Recommendations))
            .WithName("GetRecommendations");
        endpoints.MapPost("/recommendations/bulk", BulkRecommendationsEndpoint.Handle).RequireAuthorization().WithName("GetRecommendationsBulk");
        endpoints.MapPost("/recommendations/{userId}/refresh", Refresh)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .WithName("RefreshRecommendations");
        return endpoints;
    }

    private static async Task<IResult> Get(
        string userId,
        string? limit,
        string? offset,
        RecommendationReader reader,
        IRecommendationQueries queries,
        IExperimentEvents events,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        var take = v.Limit("limit", limit, DefaultLimit);
        var skip = v.Offset("offset", offset);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var served = reader.Read(user);
        return QueryResults.Ok(await ServedPages.PageAndExposeAsync(served, skip, take, id => queries.Inputs.FindItem(id)?.Title, events, time, cancellationToken));
    }

    private static async Task<IResult> Refresh(string userId, IRecoEventPublisher publisher, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        await publisher.PublishRefreshAsync(user, cancellationToken);
        return QueryResults.Accepted(new AcceptedResponse("refresh requested", 1), $"/recommendations/{Uri.EscapeDataString(user)}");
    }
}
