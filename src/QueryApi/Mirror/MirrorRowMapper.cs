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
