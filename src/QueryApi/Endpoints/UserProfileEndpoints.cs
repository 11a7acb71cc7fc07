using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.QueryApi.Security;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>GET /users/{userId}/profile: what the engine believes about a user.</summary>
public static class UserProfileEndpoints
{
    private const int DefaultTop = 10;

    public static IEndpointRouteBuilder MapUserProfileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/{userId}/profile", Get)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin)
            .AddEndpointFilter(new ForwardToOwnerFilter(RecoStoreNames.Profiles))
            .WithName("GetUserProfile");
        return endpoints;
    }

    private static IResult Get(
        string userId, string? limit, IRecommendationQueries queries, UserClassifier classifier, AffinityOptions affinity, TimeProvider time)
    {
        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        var top = v.Limit("limit", limit, DefaultTop);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var profile = queries.Profile(user);
        if (profile is null)
        {
            return QueryResults.NotFound($"User '{user}' has no engagement yet.");
        }

        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var halfLifeMs = affinity.HalfLife.TotalMilliseconds;
        List<AffinityResponse> Top(Dictionary<string, DecayedScore> scores) =>
        [.. scores
            .Select(s => new AffinityResponse(s.Key, s.Value.ValueAt(nowMs, halfLifeMs)))
            .OrderByDescending(a => a.Score)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(top)];

        return QueryResults.Ok(new UserProfileResponse(
            profile.UserId,
            classifier.Classify(profile, nowMs),
            profile.Interactions,
            profile.Counts.ToDictionary(c => QueryJson.Options.PropertyNamingPolicy!.ConvertName(c.Key.ToString()), c => c.Value, StringComparer.Ordinal),
            Timestamp(profile.FirstEngagementMs),
            Timestamp(profile.LastEngagementMs),
            Top(profile.Genres),
            Top(profile.Creators),
            Top(profile.Languages),
            Top(profile.Tags)));
    }

    /// <summary>The profile uses 0 for "never".</summary>
    private static DateTimeOffset? Timestamp(long ms) => ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
