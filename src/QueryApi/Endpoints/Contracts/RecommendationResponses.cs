using RecoStreams.Processors.Domain;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

public sealed record RecommendedItemResponse(int Rank, string ItemId, double Score, RecommendationSource Source, string Explanation);

/// <summary>One page of a user's list; <see cref="Total"/> counts the whole list.</summary>
public sealed record RecommendationsResponse(
    string UserId,
    DateTimeOffset GeneratedAt,
    string Algorithm,
    RecommendationStrategy Strategy,
    UserClass UserClass,
    bool ColdStart,
    int Offset,
    int Limit,
    int Total,
    IReadOnlyList<RecommendedItemResponse> Items)
{
    /// <summary>The name clients see for how lists are built (strategy says which blend was used).</summary>
    public const string AlgorithmName = "recostreams-hybrid-v1";

    public static RecommendationsResponse Page(RecommendationList list, bool coldStart, int offset, int limit) =>
        new(
            list.UserId,
            DateTimeOffset.FromUnixTimeMilliseconds(list.GeneratedAtMs),
            AlgorithmName,
            list.Strategy,
            list.UserClass,
            coldStart,
            offset,
            limit,
            list.Items.Count,
            [.. list.Items
                .Select((item, index) => new RecommendedItemResponse(index + 1, item.ItemId, item.Score, item.Source, item.Explanation))
                .Skip(offset)
                .Take(limit)]);
}

public sealed record BulkRecommendationsRequest(IReadOnlyList<string>? UserIds);

/// <summary>Lists of the users this instance could answer; <see cref="Unavailable"/> names the others (retry them).</summary>
public sealed record BulkRecommendationsResponse(IReadOnlyList<RecommendationsResponse> Results, IReadOnlyList<string> Unavailable);
