namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>Body of POST /feedback; validated by the endpoint (every member is optional here so a missing one is a 400, not a binding error).</summary>
public sealed record FeedbackRequest(
    string? UserId,
    string? ItemId,
    string? Kind,
    DateTimeOffset? RecommendationGeneratedAt,
    int? Position,
    DateTimeOffset? OccurredAt);

public sealed record AcceptedResponse(string Status, int Count);
