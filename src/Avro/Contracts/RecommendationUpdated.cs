namespace RecoStreams.Avro.Contracts;

/// <summary>Strategy chosen for the user's class; declared in the schema's symbol order.</summary>
public enum RecommendationStrategy
{
    /// <summary>Popular items for a user with no history.</summary>
    ColdStart,
    /// <summary>Content similarity for a new user.</summary>
    Content,
    /// <summary>Collaborative filtering blended with content.</summary>
    Hybrid,
    /// <summary>Collaborative filtering with diversity re-ranking.</summary>
    CfDiverse,
    /// <summary>Trending fallback.</summary>
    Trending,
    /// <summary>A symbol this reader does not know.</summary>
    Unknown,
}

/// <summary>Candidate generator that proposed an item; declared in the schema's symbol order.</summary>
public enum CandidateSource
{
    /// <summary>Item-to-item collaborative filtering.</summary>
    Cf,
    /// <summary>Content (genre, creator, tag) affinity.</summary>
    Content,
    /// <summary>Overall popularity.</summary>
    Popular,
    /// <summary>Short-window trending.</summary>
    Trending,
    /// <summary>A symbol this reader does not know.</summary>
    Unknown,
}

/// <summary>One entry of a recommendation list (io.recostreams.events.RecommendedItem).</summary>
/// <param name="ItemId">The recommended item.</param>
/// <param name="Rank">1-based position.</param>
/// <param name="Score">Final score, comparable within one list.</param>
/// <param name="Source">Candidate generator.</param>
/// <param name="Explanation">Short human-readable reason.</param>
public sealed record RecommendedItem(string ItemId, int Rank, double Score, CandidateSource Source, string Explanation);

/// <summary>A user's new top-N list (io.recostreams.events.RecommendationUpdated).</summary>
public sealed record RecommendationUpdated
{
    /// <summary>The user; also the record key.</summary>
    public required string UserId { get; init; }

    /// <summary>When the list was computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Algorithm name and version, e.g. hybrid-v1.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Strategy that produced the list.</summary>
    public required RecommendationStrategy Strategy { get; init; }

    /// <summary>The list, best first.</summary>
    public IReadOnlyList<RecommendedItem> Items { get; init; } = [];

    /// <summary>Item ids of the list this one replaces.</summary>
    public IReadOnlyList<string> PreviousItemIds { get; init; } = [];

    /// <summary>punctuation, refresh or backfill.</summary>
    public required string Trigger { get; init; }

    /// <summary>Monotonic per user.</summary>
    public required long Version { get; init; }
}
