using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Security;
using RecoStreams.Training;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// Trained models: POST /recs/train starts a training job, GET /recs/models and /recs/models/{id} show
/// versions (from the models global table, so every instance answers alike), POST /recs/models/{id}/activate
/// rolls back or forward. Admins and trainers only; overriding the gate takes an admin.
/// </summary>
public static class ModelEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;
    private const int MaxParameters = 32;
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/recs/train", Train).RequireAuthorization(RecoStreamsPolicies.Trainer).WithName("TrainModel");
        endpoints.MapGet("/recs/models", List).RequireAuthorization(RecoStreamsPolicies.Trainer).WithName("ListModels");
        endpoints.MapGet("/recs/models/{id}", Get).RequireAuthorization(RecoStreamsPolicies.Trainer).WithName("GetModel");
        endpoints.MapPost("/recs/models/{id}/activate", Activate).RequireAuthorization(RecoStreamsPolicies.Trainer).WithName("ActivateModel");
        return endpoints;
    }

    private static async Task<IResult> Train(
        HttpRequest request, ClaimsPrincipal user, ModelTrainerFactory trainers, ModelTrainingJobs jobs, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<TrainRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var parameters = body!.Parameters ?? [];
        if (string.IsNullOrWhiteSpace(body.ModelType) || !trainers.Knows(body.ModelType))
        {
            v.Add("modelType", $"must be one of {string.Join(", ", trainers.ModelTypes)}");
        }
        else if (parameters.Count > MaxParameters)
        {
            v.Add("parameters", $"at most {MaxParameters} settings");
        }
        else
        {
            try
            {
                trainers.Create(body.ModelType, parameters);
            }
            catch (ArgumentException e)
            {
                v.Add("parameters", e.Message);
            }
        }

        var start = Date(v, "startDate", body.StartDate);
        var end = Date(v, "endDate", body.EndDate);
        if (start is not null && end is not null && start >= end)
        {
            v.Add("endDate", "must be after startDate");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var (started, id) = await jobs.TryStartAsync(
            new TrainingJobRequest(body.ModelType!, parameters, start, end, Subject(user)), cancellationToken);
        return started
            ? QueryResults.Accepted(new TrainingAccepted(id, "training", Location(id)), Location(id))
            : QueryResults.Conflict($"A training job is already running on this instance: {Location(id)}.");
    }

    private static IResult List(ModelTables tables)
    {
        var activation = tables.Activation();
        var versions = tables.Versions().OrderByDescending(v => v.CreatedAtMs).ThenByDescending(v => v.Id, StringComparer.Ordinal);
        return QueryResults.Ok(new ModelsResponse(activation, [.. versions.Select(v => ModelVersionResponse.From(v, activation))]));
    }

    private static IResult Get(string id, ModelTables tables)
    {
        if (!ModelRecordKeys.IsValidVersionId(id))
        {
            return NotFound(id);
        }

        return tables.Find(id) is { } version ? QueryResults.Ok(ModelVersionResponse.From(version, tables.Activation())) : NotFound(id);
    }

    private static async Task<IResult> Activate(
        string id, HttpRequest request, ClaimsPrincipal user, ModelActivator activator, CancellationToken cancellationToken)
    {
        // The body is optional: a plain activation sends none (no content, or no content type).
        var body = new ActivateRequest(false, null);
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            var (bytes, problem) = await QueryResults.ReadBytes(request, MaxBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                body = bytes!.Length == 0 ? body : JsonSerializer.Deserialize<ActivateRequest>(bytes, QueryJson.Options) ?? body;
            }
            catch (JsonException e)
            {
                return QueryResults.BadBody($"The request body is not valid JSON of the expected shape: {JsonProblem.Describe(e)}.");
            }
        }

        if (body.Reason is { Length: > MaxReasonLength })
        {
            var v = new RequestValidator();
            v.Add("reason", $"at most {MaxReasonLength} characters");
            return v.ToProblem();
        }

        if (body.Override && !user.IsInRole(RecoStreamsPolicies.AdminRole))
        {
            return QueryResults.Forbidden("Only an admin may override the gate.");
        }

        if (!ModelRecordKeys.IsValidVersionId(id))
        {
            return NotFound(id);
        }

        var (outcome, version) = await activator.ActivateAsync(id, Subject(user), body.Override, body.Reason, cancellationToken);
        return outcome switch
        {
            ActivationOutcome.Activated => QueryResults.Accepted(new TrainingAccepted(id, "activating", Location(id)), Location(id)),
            ActivationOutcome.NotServable => QueryResults.Conflict($"Model {id} is {version!.Status.ToString().ToLowerInvariant()}: there is nothing to serve."),
            ActivationOutcome.Forgotten => QueryResults.Conflict(
                $"Model {id} was forgotten by the version retention while it was being activated; the serving version is unchanged."),
            ActivationOutcome.RefusedByGate => QueryResults.Conflict(
                $"The gate refused model {id} ({version!.Gate?.Reason}); an admin may activate it with {{\"override\": true, \"reason\": \"...\"}}."),
            _ => NotFound(id),
        };
    }

    private static DateTimeOffset? Date(RequestValidator v, string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        v.Add(name, "must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z");
        return null;
    }

    private static string Subject(ClaimsPrincipal user) => user.FindFirst(JwtClaimTypes.Subject)?.Value ?? "unknown";

    private static string Location(string id) => $"/recs/models/{Uri.EscapeDataString(id)}";

    private static IResult NotFound(string id) => QueryResults.NotFound($"No model version '{id}'.");
}
