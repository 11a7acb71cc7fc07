namespace RecoStreams.Processors.Domain;

/// <summary>One behaviour event as the domain sees it (the topology maps the Avro contract to this).</summary>
/// <param name="Rating">Only for <see cref="EventType.Rating"/>: 0.5 to 5 in steps of 0.5.</param>
/// <param name="WatchSeconds">Only for <see cref="EventType.Watch"/>: how long the user watched.</param>
/// <param name="ItemDurationSeconds">Length of the item, when the client knows it; else the catalog's is used.</param>
public sealed record EngagementEvent(
    string EventId,
    string UserId,
    string ItemId,
    EventType Type,
    DateTimeOffset OccurredAt,
    double? Rating = null,
    double? WatchSeconds = null,
    double? ItemDurationSeconds = null,
    string? SessionId = null)
{
    public long OccurredAtMs => OccurredAt.ToUnixTimeMilliseconds();
}
