namespace RecoStreams.QueryApi.Endpoints.Contracts;

public sealed record SimilarItemResponse(string ItemId, string? Title, double Similarity, double CoCount);

public sealed record SimilarItemsResponse(string ItemId, IReadOnlyList<SimilarItemResponse> Items);

public sealed record TrendingItemResponse(int Rank, string ItemId, string? Title, double Popularity);

/// <summary><see cref="Window"/> is null when ranked by decayed overall popularity.</summary>
public sealed record TrendingResponse(string? Genre, string? Window, IReadOnlyList<TrendingItemResponse> Items);
