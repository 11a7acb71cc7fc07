using RecoStreams.Avro.Contracts;
using RecoStreams.Postgres.Rows;
using RecoStreams.Topology.Mapping;

namespace RecoStreams.QueryApi.Mirror;

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
