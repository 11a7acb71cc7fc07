using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Ingestion;
using RecoStreams.Ingestion.Events;
using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// POST /events: one engagement event object or an array of up to <see cref="MaxBatch"/>, produced to
/// engagement-events keyed by user (murmur2). The whole request is checked first: one bad field answers 400
/// naming it (<c>[i].field</c> in a batch) and nothing is produced. Idempotent by event_id: the topology
/// drops an id it has seen within its de-duplication window, so a retried request counts once.
/// </summary>
public static class EventEndpoints
{
    public const int MaxBatch = 1000;

    /// <summary>A full batch of events with every optional field is about 400 KB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/events", Post).RequireAuthorization().WithName("PostEvents");
        return endpoints;
    }

    private static async Task<IResult> Post(HttpContext http, IRecoEventPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await QueryResults.ReadBytes(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var events = Parse(bytes!, v, time.GetUtcNow());
        if (v.HasErrors || events is null)
        {
            return v.HasErrors ? v.ToProblem() : QueryResults.BadBody("The request body must be an event object or an array of event objects.");
        }

        if (events.FirstOrDefault(e => !Caller.MayPostEventsFor(http.User, e.UserId)) is not null)
        {
            return QueryResults.Forbidden("Events may only be posted for the caller's own user id, unless the caller has the service or admin role.");
        }

        await publisher.PublishEventsAsync(events, cancellationToken);
        return QueryResults.Accepted(new AcceptedResponse("accepted", events.Count));
    }

    /// <summary>The events of the body, or null when its shape is wrong; field errors go to <paramref name="v"/>.</summary>
    private static List<EngagementEvent>? Parse(byte[] body, RequestValidator v, DateTimeOffset now)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            v.Add("body", $"is not valid JSON: {JsonProblem.Describe(e)}");
            return null;
        }

        var (elements, batch) = root.ValueKind switch
        {
            JsonValueKind.Array => (root.EnumerateArray().ToList(), true),
            JsonValueKind.Object => ([root], false),
            _ => ((List<JsonElement>?)null, false),
        };
        if (elements is null)
        {
            return null;
        }

        if (elements.Count is 0 or > MaxBatch)
        {
            v.Add("body", $"must hold 1 to {MaxBatch} events, not {elements.Count}");
            return null;
        }

        var events = new List<EngagementEvent>(elements.Count);
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var prefix = batch ? $"[{i}]." : string.Empty;
            if (Event(elements[i], v, prefix, now) is not { } e)
            {
                continue;
            }

            // The same id twice in one batch is a client bug, not a retry: say so instead of silently dropping one.
            if (!firstIndexOfId.TryAdd(e.EventId, i))
            {
                v.Add(prefix + "event_id", $"repeats the event_id of [{firstIndexOfId[e.EventId]}]");
                continue;
            }

            events.Add(e);
        }

        return events;
    }

    private static EngagementEvent? Event(JsonElement element, RequestValidator v, string prefix, DateTimeOffset now)
    {
        EngagementEventJson? json;
        try
        {
            json = element.ValueKind == JsonValueKind.Object ? element.Deserialize<EngagementEventJson>(EngagementEventJson.Options) : null;
        }
        catch (JsonException e)
        {
            v.Add(prefix + (e.Path is { Length: > 2 } path ? path[2..] : "event"), "has a value of the wrong type");
            return null;
        }

        if (json is null)
        {
            v.Add(prefix.Length > 0 ? prefix.TrimEnd('.') : "body", "must be an event object");
            return null;
        }

        return json.ToEvent(v, prefix, now);
    }
}
