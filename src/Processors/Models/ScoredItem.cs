namespace RecoStreams.Processors.Models;

/// <summary>An item with a score: a neighbour of another item, or a recommendation for a user.</summary>
public readonly record struct ScoredItem(string ItemId, float Score);
