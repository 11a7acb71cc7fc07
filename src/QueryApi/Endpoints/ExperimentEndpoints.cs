using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Options;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.QueryApi.Security;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// Experiments (admin only): define one, stop it, read it, and read its results. Definitions go to the
/// compacted experiments topic, which every instance reads as a global table; results are read where the
/// experiment's counts live (forwarded there from any instance).
/// </summary>
public static class ExperimentEndpoints
{
    /// <summary>A definition with 10,000 targeted user ids of 128 characters fits.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapExperimentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/experiments", Create).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("CreateExperiment");
        endpoints.MapGet("/admin/experiments", List).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("ListExperiments");
        endpoints.MapGet("/admin/experiments/{id}", Get).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("GetExperiment");
        endpoints.MapPost("/admin/experiments/{id}/stop", Stop).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("StopExperiment");
        endpoints.MapGet("/admin/experiments/{id}/results", Results).RequireAuthorization(RecoStreamsPolicies.Admin).WithName("ExperimentResults");
        return endpoints;
    }

    private static async Task<IResult> Create(
        HttpContext http, ExperimentCatalog catalog, IExperimentEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<ExperimentRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var experiment = ToExperiment(body!, v, now);
        if (experiment is not null)
        {
            foreach (var (field, message) in ExperimentRules.Check(experiment))
            {
                v.Add(field, message);
            }
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (catalog.Find(experiment!.Id) is not null)
        {
            return QueryResults.Conflict($"Experiment '{experiment.Id}' exists; stop it and create one with a new id.");
        }

        await events.PublishExperimentAsync(experiment, cancellationToken);
        return TypedResults.Json(
            ExperimentResponse.From(experiment, now), QueryJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(ExperimentCatalog catalog, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return QueryResults.Ok(catalog.All.Select(e => ExperimentResponse.From(e, now)).ToList());
    }

    private static IResult Get(string id, ExperimentCatalog catalog, TimeProvider time) =>
        catalog.Find(id) is { } experiment
            ? QueryResults.Ok(ExperimentResponse.From(experiment, time.GetUtcNow().ToUnixTimeMilliseconds()))
            : QueryResults.NotFound($"No experiment '{id}'.");

    private static async Task<IResult> Stop(string id, ExperimentCatalog catalog, IExperimentEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } experiment)
        {
            return QueryResults.NotFound($"No experiment '{id}'.");
        }

        if (experiment.StoppedAtMs is not null)
        {
            return QueryResults.Conflict($"Experiment '{id}' is already stopped.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var stopped = experiment with { StoppedAtMs = now };
        await events.PublishExperimentAsync(stopped, cancellationToken);
        return QueryResults.Ok(ExperimentResponse.From(stopped, now));
    }

    private static async Task<IResult> Results(
        string id,
        string? from,
        string? to,
        HttpContext http,
        ExperimentCatalog catalog,
        IExperimentCountsQueries counts,
        OwnerForwarder forwarder,
        RecoTopologyOptions options,
        TimeProvider time)
    {
        var v = new RequestValidator();
        var fromMs = from is null ? 0 : Timestamp(v, "from", from);
        var toMs = to is null ? null : Timestamp(v, "to", to);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (catalog.Find(id) is not { } experiment)
        {
            return QueryResults.NotFound($"No experiment '{id}'.");
        }

        if (!OwnerForwarder.IsForwarded(http.Request) && counts.RemoteOwner(id) is { } owner)
        {
            return await forwarder.ForwardAsync(http.Request, owner, RecoStoreNames.ExperimentCounts, body: null, http.RequestAborted);
        }

        // Counts are kept per tumbling window: the range selects windows by their start.
        var results = ExperimentResults.From(experiment, counts.Counts(id, fromMs!.Value, toMs), options.Experiments.Alpha);
        return QueryResults.Ok(ExperimentResultsResponse.From(results, ExperimentResponse.From(experiment, time.GetUtcNow().ToUnixTimeMilliseconds()).State));
    }

    private static Experiment? ToExperiment(ExperimentRequest body, RequestValidator v, long nowMs)
    {
        if (body.Id is null)
        {
            v.Add("id", "is required");
        }

        if (body.Variants is null)
        {
            v.Add("variants", "is required: at least a control and one other variant");
        }

        var startsAt = body.StartsAt is null ? nowMs : Timestamp(v, "starts_at", body.StartsAt);
        var endsAt = body.EndsAt is null ? null : Timestamp(v, "ends_at", body.EndsAt);
        var variants = new List<ExperimentVariant>();
        for (var i = 0; i < (body.Variants?.Count ?? 0); i++)
        {
            var variant = body.Variants![i];
            if (variant is null)
            {
                v.Add($"variants[{i}]", "must be an object");
                continue;
            }

            if (variant.Weight is null)
            {
                v.Add($"variants[{i}].weight", "is required");
            }

            var r = variant.Recommender;
            variants.Add(new ExperimentVariant(
                variant.Name ?? string.Empty,
                variant.Weight ?? 0,
                variant.Control ?? false,
                r is null ? null : new VariantRecommenderSettings(
                    r.MmrLambda, r.MaxPerCreator, r.CfRecencyFactor, r.HybridWeights is { } h ? new BlendWeights(h.Cf, h.Content, h.Popular) : null),
                variant.ModelVersion));
        }

        var users = body.UserIds ?? [];
        for (var i = 0; i < Math.Min(users.Count, ExperimentRules.MaxTargetedUsers); i++)
        {
            v.UserId($"user_ids[{i}]", users[i]);
        }

        return v.HasErrors
            ? null
            : new Experiment(
                body.Id!,
                body.Description ?? string.Empty,
                variants,
                new ExperimentTargeting(body.TrafficFraction ?? 1.0, users),
                startsAt!.Value,
                endsAt,
                nowMs);
    }

    private static long? Timestamp(RequestValidator v, string name, string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.ToUnixTimeMilliseconds();
        }

        v.Add(name, "must be an ISO 8601 date and time, e.g. 2026-11-22T08:00:00Z");
        return null;
    }
}
