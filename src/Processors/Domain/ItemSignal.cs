namespace RecoStreams.Processors.Domain;

/// <summary>
/// A user's engagement re-keyed by item for the by-item subtopology. It carries the already computed
/// weight and the item's genres so the item side needs neither the event weights nor the catalog.
/// </summary>
public sealed record ItemSignal(string ItemId, string UserId, EventType Type, double Weight, long AtMs, IReadOnlyList<string> Genres);
