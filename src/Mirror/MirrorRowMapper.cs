using RecoStreams.Avro.Contracts;
using RecoStreams.Postgres.Rows;
using RecoStreams.Topology.Mapping;

namespace RecoStreams.Mirror;

/// <summary>Maps the mirrored topics' contracts to the mirror's rows.</summary>
public static class MirrorRowMapper
{
    public static RecommendationRow ToRow(RecommendationUpdated updated) => new(
        updated.UserId,
        [.. updated.Items.Select(i => new Postgres.Rows.RecommendedItem(i.ItemId, i.Score, Name(i.Source), i.Rank, i.Explanation))],
        updated.GeneratedAt,
        updated.Algorithm,
        Name(updated.Strategy));

    /// <summary>
    /// One row per hopping-window score; each window instance is its own row keyed by (item, window, start).
    /// Read through the topology's mapper so the decayed totals that ride along as labelled scores are not
    /// mirrored as if they were windows.
    /// </summary>
    public static IEnumerable<ItemPopularityRow> ToRows(ItemStats stats) =>
        ItemStatsMapper.ToDomain(stats).Windows.Select(w => new ItemPopularityRow(
            stats.ItemId,
            WindowLabels.Format(w.SizeMs),
            w.Score,
            DateTimeOffset.FromUnixTimeMilliseconds(w.StartMs),
            DateTimeOffset.FromUnixTimeMilliseconds(w.StartMs + w.SizeMs),
            stats.UpdatedAt));

    /// <summary>
    /// A user's genre and creator affinities decayed to their last engagement. updated_at is that last
    /// engagement: replays never move the row back, and a late event that changes scores without advancing
    /// it reaches the table with the user's next newer event.
    /// </summary>
    public static UserFeaturesRow ToRow(Processors.Domain.UserProfile profile, TimeSpan affinityHalfLife)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var at = profile.LastEngagementMs;
        var halfLifeMs = affinityHalfLife.TotalMilliseconds;
        var lastEngagement = DateTimeOffset.FromUnixTimeMilliseconds(at);
        return new UserFeaturesRow(
            profile.UserId,
            profile.Genres.ToDictionary(kv => kv.Key, kv => kv.Value.ValueAt(at, halfLifeMs), StringComparer.Ordinal),
            profile.Creators.ToDictionary(kv => kv.Key, kv => kv.Value.ValueAt(at, halfLifeMs), StringComparer.Ordinal),
            at == 0 ? null : lastEngagement,
            lastEngagement);
    }

    /// <summary>An event as the training history keeps it (without the hashed id, which the source adds).</summary>
    public static EngagementEventRow ToRow(Processors.Domain.EngagementEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EngagementEventRow(e.UserId, e.EventId, e.ItemId, Name(e.Type), e.OccurredAt, e.Rating, e.WatchSeconds, e.ItemDurationSeconds, e.SessionId);
    }

    /// <summary>The event a history row holds; null for an event type this build does not know.</summary>
    public static Processors.Domain.EngagementEvent? ToEvent(EngagementEventRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = EventTypes.FirstOrDefault(t => Name(t) == row.EventType);
        return type == Processors.Domain.EventType.Unknown
            ? null
            : new Processors.Domain.EngagementEvent(row.EventId, row.UserId, row.ItemId, type, row.OccurredAt, row.Rating, row.WatchSeconds, row.ItemDurationSeconds, row.SessionId);
    }

    private static readonly Processors.Domain.EventType[] EventTypes = Enum.GetValues<Processors.Domain.EventType>();

    private static string Name(Processors.Domain.EventType type) => type switch
    {
        Processors.Domain.EventType.View => "view",
        Processors.Domain.EventType.Click => "click",
        Processors.Domain.EventType.Like => "like",
        Processors.Domain.EventType.Dislike => "dislike",
        Processors.Domain.EventType.Rating => "rating",
        Processors.Domain.EventType.Watch => "watch",
        Processors.Domain.EventType.AddToCart => "add_to_cart",
        Processors.Domain.EventType.Purchase => "purchase",
        _ => "unknown",
    };

    // The Avro enum symbols in lower case: SQL readers see the names Kafka consumers see.
    private static string Name(CandidateSource source) => source switch
    {
        CandidateSource.Cf => "cf",
        CandidateSource.Content => "content",
        CandidateSource.Popular => "popular",
        CandidateSource.Trending => "trending",
        _ => "unknown",
    };

    private static string Name(RecommendationStrategy strategy) => strategy switch
    {
        RecommendationStrategy.ColdStart => "cold_start",
        RecommendationStrategy.Content => "content",
        RecommendationStrategy.Hybrid => "hybrid",
        RecommendationStrategy.CfDiverse => "cf_diverse",
        RecommendationStrategy.Trending => "trending",
        _ => "unknown",
    };
}
