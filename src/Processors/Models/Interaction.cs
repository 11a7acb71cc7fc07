namespace RecoStreams.Processors.Models;

/// <summary>
/// One user-item interaction: what every item-model trainer learns from and every neighbour model scores.
/// <paramref name="Weight"/> is the signal's strength (1 for a plain implicit interaction); zero or less is
/// not a positive signal and is ignored by trainers and scoring.
/// </summary>
public readonly record struct Interaction(string UserId, string ItemId, long TimestampMs, float Weight);
