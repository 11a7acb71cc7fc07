namespace RecoStreams.Processors.Domain;

/// <summary>An event waiting for its catalog item, with the wall-clock time it started waiting.</summary>
public sealed record PendingEvent(EngagementEvent Event, long HeldSinceMs);

/// <summary>Events of one item waiting for it to appear in the catalog, oldest first.</summary>
public sealed record PendingEvents(IReadOnlyList<PendingEvent> Events);

/// <summary>Asks for a user's list to be recomputed now (after a login, say), whatever changed.</summary>
public sealed record RefreshRequest(string UserId, DateTimeOffset RequestedAt);
