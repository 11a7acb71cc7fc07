using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>A user's recommendations: one page, many users at once, and an on-demand recompute.</summary>
public static class RecommendationEndpoints
{
    public const int MaxBulkUsers = 100;
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/recommendations/{userId}", Get).RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin).WithName("GetRecommendations");
        endpoints.MapPost("/recommendations/bulk", Bulk).RequireAuthorization().WithName("GetRecommendationsBulk");
        endpoints.MapPost("/recommendations/{userId}/refresh", Refresh)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .WithName("RefreshRecommendations");
        return endpoints;
    }

    private static IResult Get(string userId, string? limit, string? offset, RecommendationReader reader)
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
        return QueryResults.Ok(RecommendationsResponse.Page(served.List, served.ColdStart, skip, take));
    }

    private static async Task<IResult> Bulk(HttpContext http, RecommendationReader reader, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<BulkRecommendationsRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var ids = body!.UserIds ?? [];
        if (ids.Count is 0 or > MaxBulkUsers)
        {
            v.Add("user_ids", $"must list 1 to {MaxBulkUsers} user ids");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            v.UserId($"user_ids[{i}]", ids[i]);
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var denied = ids.FirstOrDefault(id => !Caller.MayActFor(http.User, id));
        if (denied is not null)
        {
            return QueryResults.Forbidden("Only admins may read other users' recommendations.");
        }

        var results = new List<RecommendationsResponse>();
        var unavailable = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var served = reader.Read(id);
                results.Add(RecommendationsResponse.Page(served.List, served.ColdStart, 0, DefaultLimit));
            }
            catch (ServiceUnavailableException)
            {
                // One moving partition should not fail the whole batch; the caller retries just these.
                unavailable.Add(id);
            }
        }

        if (results.Count == 0)
        {
            // Nothing answerable: a 503 with Retry-After says more than a 200 listing only failures.
            throw new ServiceUnavailableException("None of the requested users is queryable on this instance right now; retry shortly.", TimeSpan.FromSeconds(2));
        }

        return QueryResults.Ok(new BulkRecommendationsResponse(results, unavailable));
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
