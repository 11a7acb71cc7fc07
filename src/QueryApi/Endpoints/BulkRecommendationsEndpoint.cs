using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// POST /recommendations/bulk: the users hosted here are read locally, the others are sent in one request
/// per owning instance (concurrently); users nobody could answer are listed as unavailable.
/// </summary>
internal static class BulkRecommendationsEndpoint
{
    public const int MaxUsers = 100;

    /// <summary>100 ids of at most 128 characters, quoted and separated, with room for whitespace.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> Handle(
        HttpContext http,
        RecommendationReader reader,
        IRecommendationQueries queries,
        IUserLocator locator,
        OwnerForwarder forwarder,
        IExperimentEvents events,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<BulkRecommendationsRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ids = body!.UserIds ?? [];
        if (Validate(ids) is { } invalid)
        {
            return invalid;
        }

        if (ids.FirstOrDefault(id => !Caller.MayActFor(http.User, id)) is not null)
        {
            return QueryResults.Forbidden("Only admins may read other users' recommendations.");
        }

        var users = ids.Distinct(StringComparer.Ordinal).ToList();
        var remote = OwnerForwarder.IsForwarded(http.Request)
            ? []
            : users.Select(id => (Id: id, RemoteOwner: locator.RemoteOwner(id))).Where(u => u.RemoteOwner is not null).ToList();
        var answers = new Dictionary<string, RecommendationsResponse>(StringComparer.Ordinal);
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        var forwarded = remote
            .GroupBy(u => u.RemoteOwner!, StringComparer.Ordinal)
            .Select(owner => AskOwner(http.Request, forwarder, owner.Key, [.. owner.Select(u => u.Id)], cancellationToken))
            .ToList();

        foreach (var id in users.Except(remote.Select(u => u.Id), StringComparer.Ordinal))
        {
            try
            {
                var served = reader.Read(id);
                answers[id] = ServedPages.PageAndExpose(
                    served, 0, RecommendationEndpoints.DefaultLimit, item => queries.Inputs.FindItem(item)?.Title, events, time);
            }
            catch (ServiceUnavailableException)
            {
                // One moving partition should not fail the whole batch; the caller retries just these.
                unavailable.Add(id);
            }
        }

        foreach (var (owner, asked, answer) in await Task.WhenAll(forwarded))
        {
            foreach (var result in answer?.Results ?? [])
            {
                answers[result.UserId] = result;
            }

            unavailable.UnionWith(asked.Where(id => !answers.ContainsKey(id)));
        }

        if (answers.Count == 0)
        {
            // Nothing answerable: a 503 with Retry-After says more than a 200 listing only failures.
            throw new ServiceUnavailableException("None of the requested users is queryable right now; retry shortly.", QueryUnavailable.RetryAfter);
        }

        return QueryResults.Ok(new BulkRecommendationsResponse(
            [.. users.Where(answers.ContainsKey).Select(id => answers[id])],
            [.. users.Where(unavailable.Contains)]));
    }

    private static IResult? Validate(IReadOnlyList<string> ids)
    {
        var v = new RequestValidator();
        if (ids.Count is 0 or > MaxUsers)
        {
            v.Add("user_ids", $"must list 1 to {MaxUsers} user ids");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            v.UserId($"user_ids[{i}]", ids[i]);
        }

        return v.HasErrors ? v.ToProblem() : null;
    }

    /// <summary>The owner's answer for <paramref name="asked"/>, or null when it could not give one (each then counts as unavailable).</summary>
    private static async Task<(string Owner, IReadOnlyList<string> Asked, BulkRecommendationsResponse? Answer)> AskOwner(
        HttpRequest incoming, OwnerForwarder forwarder, string owner, IReadOnlyList<string> asked, CancellationToken cancellationToken)
    {
        try
        {
            var content = JsonContent.Create(new BulkRecommendationsRequest(asked), options: QueryJson.Options);
            var response = await forwarder.ForwardAsync(incoming, owner, RecoStoreNames.Recommendations, content, cancellationToken);
            return response.StatusCode == StatusCodes.Status200OK
                ? (owner, asked, JsonSerializer.Deserialize<BulkRecommendationsResponse>(response.Body, QueryJson.Options))
                : (owner, asked, null);
        }
        catch (ServiceUnavailableException)
        {
            return (owner, asked, null);
        }
        catch (JsonException)
        {
            // An owner on an incompatible version: its users are unavailable rather than the whole batch failing.
            return (owner, asked, null);
        }
    }
}
