using RecoStreams.Processors.Domain;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>One item of a list; <see cref="Title"/> comes from the catalog (null when the item left it).</summary>
public sealed record RecommendedItemResponse(int Rank, string ItemId, string? Title, double Score, RecommendationSource Source, string Explanation);

/// <summary>
/// One page of a user's list; <see cref="Total"/> counts the whole list. <see cref="RequestId"/> identifies
/// this serving (send it back with feedback); the experiment and variant are null outside any experiment.
/// </summary>
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
    IReadOnlyList<RecommendedItemResponse> Items,
    string? RequestId = null,
    string? ExperimentId = null,
    string? Variant = null)
{
    /// <summary>The name clients see for how lists are built (strategy says which blend was used).</summary>
    public const string AlgorithmName = "recostreams-hybrid-v1";

    /// <summary>The trained model version the list was built with; null while the streaming recommender alone serves.</summary>
    public string? ModelVersion { get; init; }

    /// <param name="titleOf">The catalog title of an item id, or null.</param>
    public static RecommendationsResponse Page(RecommendationList list, bool coldStart, int offset, int limit, Func<string, string?> titleOf) =>
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
                .Select((item, index) => (item, rank: index + 1))
                .Skip(offset)
                .Take(limit)
                .Select(e => new RecommendedItemResponse(e.rank, e.item.ItemId, titleOf(e.item.ItemId), e.item.Score, e.item.Source, e.item.Explanation))])
        {
            ModelVersion = list.ModelVersion,
        };
}

public sealed record BulkRecommendationsRequest(IReadOnlyList<string>? UserIds);

/// <summary>Lists of the users this instance could answer; <see cref="Unavailable"/> names the others (retry them).</summary>
public sealed record BulkRecommendationsResponse(IReadOnlyList<RecommendationsResponse> Results, IReadOnlyList<string> Unavailable);
