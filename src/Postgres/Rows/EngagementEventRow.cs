namespace RecoStreams.Postgres.Rows;

/// <summary>
/// One engagement event as the topic carried it, kept as training history. Events never change: a replayed
/// one (same user and event id) is ignored.
/// </summary>
/// <param name="EventType">The contract's event type in lower case ("view", "rating", "add_to_cart", ...).</param>
public sealed record EngagementEventRow(
    string UserId,
    string EventId,
    string ItemId,
    string EventType,
    DateTimeOffset OccurredAt,
    double? Rating,
    double? WatchSeconds,
    double? ItemDurationSeconds,
    string? SessionId)
{
    /// <summary>
    /// The keyed hash of <see cref="UserId"/> the erasure watermarks are keyed by; set on rows to write (an event
    /// from before its user's erasure is not written), not stored, empty on rows read back.
    /// </summary>
    public string UserIdHash { get; init; } = "";
}
