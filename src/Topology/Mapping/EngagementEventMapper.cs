using Contract = RecoStreams.Avro.Contracts;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Mapping;

/// <summary>Maps the EngagementEvent Avro contract to the domain's event.</summary>
public static class EngagementEventMapper
{
    public static Domain.EngagementEvent ToDomain(Contract.EngagementEvent e) => new(
        EventId: e.EventId.ToString("D"),
        UserId: e.UserId,
        ItemId: e.ItemId,
        Type: ToDomain(e.EventType),
        OccurredAt: e.OccurredAt,
        Rating: e.Rating,
        WatchSeconds: e.WatchSeconds,
        ItemDurationSeconds: e.ItemDurationSeconds,
        SessionId: e.SessionId);

    public static Contract.EngagementEvent ToContract(Domain.EngagementEvent e) => new()
    {
        // The domain keeps ids as text; the contract requires a UUID, so a non-UUID id cannot be published.
        EventId = Guid.TryParse(e.EventId, out var id)
            ? id
            : throw new ArgumentException($"event_id '{e.EventId}' is not a UUID.", nameof(e)),
        UserId = e.UserId,
        ItemId = e.ItemId,
        EventType = ToContract(e.Type),
        OccurredAt = e.OccurredAt,
        Rating = e.Rating,
        WatchSeconds = e.WatchSeconds,
        ItemDurationSeconds = e.ItemDurationSeconds,
        SessionId = e.SessionId,
    };

    public static Domain.EventType ToDomain(Contract.EventType type) => type switch
    {
        Contract.EventType.View => Domain.EventType.View,
        Contract.EventType.Like => Domain.EventType.Like,
        Contract.EventType.Dislike => Domain.EventType.Dislike,
        Contract.EventType.Rating => Domain.EventType.Rating,
        Contract.EventType.Watch => Domain.EventType.Watch,
        Contract.EventType.AddToCart => Domain.EventType.AddToCart,
        Contract.EventType.Purchase => Domain.EventType.Purchase,
        Contract.EventType.Click => Domain.EventType.Click,
        _ => Domain.EventType.Unknown,
    };

    public static Contract.EventType ToContract(Domain.EventType type) => type switch
    {
        Domain.EventType.View => Contract.EventType.View,
        Domain.EventType.Like => Contract.EventType.Like,
        Domain.EventType.Dislike => Contract.EventType.Dislike,
        Domain.EventType.Rating => Contract.EventType.Rating,
        Domain.EventType.Watch => Contract.EventType.Watch,
        Domain.EventType.AddToCart => Contract.EventType.AddToCart,
        Domain.EventType.Purchase => Contract.EventType.Purchase,
        Domain.EventType.Click => Contract.EventType.Click,
        _ => Contract.EventType.Unknown,
    };
}
