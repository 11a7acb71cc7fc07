using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Avro.Contracts;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>POST /feedback: what a user did with a served list, produced to recommendation-feedback as Avro.</summary>
public static class FeedbackEndpoints
{
    /// <summary>One feedback object is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/feedback", Post).RequireAuthorization().WithName("PostFeedback");
        return endpoints;
    }

    private static async Task<IResult> Post(
        HttpContext http, IRecoEventPublisher publisher, IRecommendationQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<FeedbackRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var feedback = Validate(body!, v, time, queries.Inputs);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (!Caller.MayActFor(http.User, feedback!.UserId))
        {
            return QueryResults.Forbidden("Feedback may only be sent for the caller's own user id.");
        }

        await publisher.PublishFeedbackAsync(feedback, cancellationToken);
        return QueryResults.Accepted(new AcceptedResponse("accepted", 1));
    }

    private static RecommendationFeedback? Validate(FeedbackRequest body, RequestValidator v, TimeProvider time, Processors.Recommending.IRecommendationInputs catalog)
    {
        var user = v.UserId("user_id", body.UserId);
        var item = v.ItemId("item_id", body.ItemId);
        // Feedback on an item nobody can have been shown would only skew click-through statistics.
        if (item.Length > 0 && catalog.FindItem(item) is null)
        {
            v.Add("item_id", "is not in the catalog");
        }

        var kind = ParseKind(body.Kind);
        if (kind is null)
        {
            v.Add("kind", "must be one of impression, click, add_to_cart, purchase, conversion, dismiss");
        }

        if (body.RequestId is not null && !Guid.TryParse(body.RequestId, out _))
        {
            v.Add("request_id", "must be the request_id of the served list (a UUID)");
        }

        // The request id identifies the list; without one, the list's generated_at does (older clients).
        var occurredAt = body.OccurredAt is null ? time.GetUtcNow() : Timestamp(v, "occurred_at", body.OccurredAt);
        var generatedAt = body.RecommendationGeneratedAt is not null
            ? Timestamp(v, "recommendation_generated_at", body.RecommendationGeneratedAt)
            : body.RequestId is not null ? occurredAt : null;
        if (body.RecommendationGeneratedAt is null && body.RequestId is null)
        {
            v.Add("recommendation_generated_at", "is required without request_id: the generated_at of the list the item was served in");
        }

        if (body.Position is not (>= 1 and <= RequestValidator.MaxLimit))
        {
            v.Add("position", $"must be the 1-based position shown, 1 to {RequestValidator.MaxLimit}");
        }

        if (v.HasErrors)
        {
            return null;
        }

        return new RecommendationFeedback
        {
            FeedbackId = Guid.NewGuid(),
            UserId = user,
            ItemId = item,
            Kind = kind!.Value,
            RecommendationGeneratedAt = generatedAt!.Value,
            Position = body.Position!.Value,
            OccurredAt = occurredAt!.Value,
            RequestId = body.RequestId is null ? null : Guid.Parse(body.RequestId).ToString("D"),
        };
    }

    private static DateTimeOffset? Timestamp(RequestValidator v, string name, string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        v.Add(name, "must be an ISO 8601 date and time, e.g. 2026-11-22T08:00:00Z");
        return null;
    }

    private static FeedbackKind? ParseKind(string? kind) => kind switch
    {
        "impression" => FeedbackKind.Impression,
        "click" => FeedbackKind.Click,
        "conversion" => FeedbackKind.Conversion,
        "add_to_cart" => FeedbackKind.AddToCart,
        "purchase" => FeedbackKind.Purchase,
        "dismiss" => FeedbackKind.Dismiss,
        _ => null,
    };
}
