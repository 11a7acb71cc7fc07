namespace RecoStreams.Postgres.Rows;

/// <summary>A user's affinity profile; the newest <see cref="UpdatedAt"/> per user wins.</summary>
public sealed record UserFeaturesRow(
    string UserId,
    IReadOnlyDictionary<string, double> GenreScores,
    IReadOnlyDictionary<string, double> CreatorScores,
    DateTimeOffset? LastEngagementAt,
    DateTimeOffset UpdatedAt);
