using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Backfill;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// POST /admin/backfill: recompute every user this instance holds (after a model or catalog change), in the
/// background at a capped rate; GET /admin/backfill/{id} reports its progress.
/// </summary>
public static class AdminEndpoints
{
    private const double MaxRatePerSecond = 100_000;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/backfill", Start).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("Backfill");
        endpoints.MapGet("/admin/backfill/{id}", Status).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("BackfillStatus");
        return endpoints;
    }

    private static IResult Start(string? rate, IRecommendationQueries queries, BackfillJobs jobs)
    {
        var v = new RequestValidator();
        var perSecond = BackfillRunner.DefaultRatePerSecond;
        if (rate is not null && (!double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out perSecond) || perSecond is <= 0 or > MaxRatePerSecond))
        {
            v.Add("rate", $"must be a number of refreshes per second above 0 and at most {MaxRatePerSecond:0}");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        // Local profile stores only: each instance backfills the users it hosts, so calling every instance
        // covers everyone once. Throws 503 during a rebalance, when the local users are not a full answer.
        var users = queries.LocalUserIds();
        return jobs.TryStart(users, perSecond, out var job)
            ? QueryResults.Accepted(job, Location(job))
            : QueryResults.Conflict($"A backfill is already running on this instance: {Location(job)}.");
    }

    private static string Location(BackfillJobStatus job) => $"/admin/backfill/{job.Id}";

    private static IResult Status(string id, BackfillJobs jobs) =>
        jobs.Find(id) is { } job ? QueryResults.Ok(job) : QueryResults.NotFound($"No backfill '{id}' on this instance (only the last 20 are kept).");
}
