using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Rows for every mirrored table plus the source positions that may be acknowledged once all of them are
/// committed. A batch with no rows is still acknowledged (its input may simply have produced no rows).
/// </summary>
public sealed class SinkBatch
{
    public IReadOnlyList<RecommendationRow> Recommendations { get; init; } = [];

    public IReadOnlyList<UserFeaturesRow> UserFeatures { get; init; } = [];

    public IReadOnlyList<ItemPopularityRow> ItemPopularity { get; init; } = [];

    /// <summary>
    /// Users whose list and features are deleted (their tombstones arrived), before this batch's rows are
    /// written; the batch holds only rows of theirs that came after the tombstone.
    /// </summary>
    public IReadOnlyList<string> ErasedUsers { get; init; } = [];

    /// <summary>The erased users' hashed ids and erase times, written before <see cref="EngagementEvents"/>.</summary>
    public IReadOnlyList<ErasureWatermarkRow> ErasureWatermarks { get; init; } = [];

    public IReadOnlyList<EngagementEventRow> EngagementEvents { get; init; } = [];

    public IReadOnlyList<SourcePosition> Positions { get; init; } = [];

    public int RowCount =>
        Recommendations.Count + UserFeatures.Count + ItemPopularity.Count + ErasedUsers.Count + ErasureWatermarks.Count + EngagementEvents.Count;
}
