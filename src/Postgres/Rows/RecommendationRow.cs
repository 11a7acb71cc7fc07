namespace RecoStreams.Postgres.Rows;

/// <summary>
/// A user's current recommendations. <see cref="GeneratedAt"/> orders versions of the same user:
/// the mirror keeps the newest and ignores older or equal ones, so replays never move a row backwards.
/// </summary>
public sealed record RecommendationRow(
    string UserId,
    IReadOnlyList<RecommendedItem> Items,
    DateTimeOffset GeneratedAt,
    string Algorithm,
    string Strategy);
