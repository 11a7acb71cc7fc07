using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Affinity;

/// <summary>What one event changed beyond the profile itself: signals to re-key by item.</summary>
public sealed record ProfileUpdate(double Weight, ItemSignal Signal, IReadOnlyList<CoVisitationPair> Pairs);
