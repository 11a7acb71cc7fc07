namespace RecoStreams.Postgres.Rows;

/// <summary>
/// An item's popularity in one window instance (e.g. window "1h" starting at 10:00); keyed by
/// (item, window, window start), the newest <see cref="UpdatedAt"/> wins.
/// </summary>
public sealed record ItemPopularityRow(
    string ItemId,
    string Window,
    double Score,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset UpdatedAt);
