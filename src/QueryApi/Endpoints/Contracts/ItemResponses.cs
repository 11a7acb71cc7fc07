namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>
/// A co-visited neighbour. <see cref="CoVisitationWeight"/> is the decayed, weighted co-visitation the
/// similarity is computed from: a fraction that fades with time, not a count of sessions.
/// </summary>
public sealed record SimilarItemResponse(string ItemId, string? Title, double Similarity, double CoVisitationWeight);

public sealed record SimilarItemsResponse(string ItemId, IReadOnlyList<SimilarItemResponse> Items);

public sealed record TrendingItemResponse(int Rank, string ItemId, string? Title, double Popularity);

/// <summary><see cref="Window"/> is null when ranked by decayed overall popularity.</summary>
public sealed record TrendingResponse(string? Genre, string? Window, IReadOnlyList<TrendingItemResponse> Items);
