using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Processors.Domain;
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
/// GET /recs/{userId} is the service card's alias of the page, with <c>limit</c> and <c>type</c> (the items of
/// one source: cf, content, popular or trending). A user named "models" or "train" is only reachable under
/// /recommendations, as those /recs paths belong to the model endpoints.
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
        endpoints.MapGet("/recs/{userId}", GetAlias)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .AddEndpointFilter(new ForwardToOwnerFilter(RecoStoreNames.Recommendations))
            .WithName("GetRecs");
        endpoints.MapPost("/recommendations/bulk", BulkRecommendationsEndpoint.Handle).RequireAuthorization().WithName("GetRecommendationsBulk");
        endpoints.MapPost("/recommendations/{userId}/refresh", Refresh)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .WithName("RefreshRecommendations");
        return endpoints;
    }

    private static IResult Get(
        string userId,
        string? limit,
        string? offset,
        RecommendationReader reader,
        IRecommendationQueries queries,
        IExperimentEvents events,
        TimeProvider time)
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
        return QueryResults.Ok(ServedPages.PageAndExpose(served, skip, take, id => queries.Inputs.FindItem(id)?.Title, events, time));
    }

    private static IResult GetAlias(string userId, string? limit, string? type, RecommendationReader reader, IRecommendationQueries queries)
    {
        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        var take = v.Limit("limit", limit, DefaultLimit);
        RecommendationSource? source = null;
        if (type is not null)
        {
            source = type switch
            {
                "cf" => RecommendationSource.Cf,
                "content" => RecommendationSource.Content,
                "popular" => RecommendationSource.Popular,
                "trending" => RecommendationSource.Trending,
                _ => null,
            };
            if (source is null)
            {
                v.Add("type", "must be cf, content, popular or trending");
            }
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var served = reader.Read(user);
        var list = source is { } only ? served.List with { Items = [.. served.List.Items.Where(i => i.Source == only)] } : served.List;
        return QueryResults.Ok(RecommendationsResponse.Page(list, served.ColdStart, 0, take, id => queries.Inputs.FindItem(id)?.Title));
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
