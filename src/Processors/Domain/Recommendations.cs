namespace RecoStreams.Processors.Domain;

/// <summary>Which candidate generator contributed most to an item's score.</summary>
public enum RecommendationSource
{
    Cf,
    Content,
    Popular,
    Trending,
}

/// <summary>How a list was built; chosen from the user's class.</summary>
public enum RecommendationStrategy
{
    /// <summary>Nothing known about the user: popular in the user's genres/language, else global.</summary>
    PopularFallback,

    /// <summary>A few interactions: content affinity, popularity as a tie-breaker.</summary>
    ContentBased,

    /// <summary>Item-kNN + content + popularity, blended with configured weights.</summary>
    Hybrid,

    /// <summary>Item-kNN dominated, with stronger MMR diversity.</summary>
    CfDiverse,
}

/// <summary>A coarse activity class from interaction count and recency (see <c>UserClassOptions</c>).</summary>
public enum UserClass
{
    ColdStart,
    New,
    Casual,
    Active,
    Power,
}

public sealed record RecommendedItem(string ItemId, double Score, RecommendationSource Source, string Explanation);

/// <summary>A user's current top-N, best first.</summary>
public sealed record RecommendationList(
    string UserId,
    IReadOnlyList<RecommendedItem> Items,
    RecommendationStrategy Strategy,
    UserClass UserClass,
    long GeneratedAtMs)
{
    /// <summary>The trained model version that served when the list was built; null when none was activated.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>
    /// True when a reader sees the same list in both apart from scores and generation time: the same item ids
    /// in the same order, each with the same source and explanation, for the same user class (and so the same
    /// strategy) and model version.
    /// </summary>
    public bool ReadsTheSameAs(RecommendationList? other)
    {
        if (other is null || other.Items.Count != Items.Count || other.UserClass != UserClass
            || !string.Equals(other.ModelVersion, ModelVersion, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var (mine, theirs) = (Items[i], other.Items[i]);
            if (!string.Equals(mine.ItemId, theirs.ItemId, StringComparison.Ordinal) || mine.Source != theirs.Source
                || !string.Equals(mine.Explanation, theirs.Explanation, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>What made a list be recomputed.</summary>
public enum RecomputeTrigger
{
    /// <summary>The user's profile changed and the wall-clock punctuator picked the user up.</summary>
    Punctuation,

    /// <summary>A refresh request (the REST refresh endpoint, or a backfill producing one per user).</summary>
    Refresh,
}

/// <summary>
/// A list that changed, as emitted downstream: the new list, the item ids of the list it replaces (empty
/// for a user's first), and why it was recomputed. <see cref="Version"/> is the list's generation time,
/// which the recommendation processor keeps strictly increasing per user.
/// </summary>
public sealed record RecommendationUpdate(RecommendationList List, IReadOnlyList<string> PreviousItemIds, RecomputeTrigger Trigger)
{
    public long Version => List.GeneratedAtMs;
}
