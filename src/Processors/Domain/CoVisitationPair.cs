namespace RecoStreams.Processors.Domain;

/// <summary>
/// "The same user engaged with <see cref="ItemId"/> and <see cref="OtherItemId"/> close together."
/// Emitted once in each direction, keyed by <see cref="ItemId"/>, so each item's partition owns its row.
/// </summary>
public sealed record CoVisitationPair(string ItemId, string OtherItemId, double Weight, long AtMs);
