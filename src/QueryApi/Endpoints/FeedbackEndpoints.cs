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
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/feedback", Post).RequireAuthorization().WithName("PostFeedback");
        return endpoints;
    }

    private static async Task<IResult> Post(HttpContext http, IRecoEventPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<FeedbackRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var feedback = Validate(body!, v, time);
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

    private static RecommendationFeedback? Validate(FeedbackRequest body, RequestValidator v, TimeProvider time)
    {
        var user = v.UserId("user_id", body.UserId);
        var item = v.ItemId("item_id", body.ItemId);
        var kind = ParseKind(body.Kind);
        if (kind is null)
        {
            v.Add("kind", "must be one of impression, click, conversion, dismiss");
        }

        if (body.RecommendationGeneratedAt is null)
        {
            v.Add("recommendation_generated_at", "is required: the generated_at of the list the item was served in");
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
            RecommendationGeneratedAt = body.RecommendationGeneratedAt!.Value,
            Position = body.Position!.Value,
            OccurredAt = body.OccurredAt ?? time.GetUtcNow(),
        };
    }

    private static FeedbackKind? ParseKind(string? kind) => kind switch
    {
        "impression" => FeedbackKind.Impression,
        "click" => FeedbackKind.Click,
        "conversion" => FeedbackKind.Conversion,
        "dismiss" => FeedbackKind.Dismiss,
        _ => null,
    };
}
