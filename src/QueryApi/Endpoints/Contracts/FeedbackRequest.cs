namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>
/// Body of POST /feedback; validated by the endpoint (every member is optional and times are text, so a
/// missing or malformed one is a 400 naming the field, not a binding error of the whole body).
/// </summary>
public sealed record FeedbackRequest(
    string? UserId,
    string? ItemId,
    string? Kind,
    string? RecommendationGeneratedAt,
    int? Position,
    string? OccurredAt,
    string? RequestId = null);

public sealed record AcceptedResponse(string Status, int Count);
