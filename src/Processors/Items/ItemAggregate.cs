using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Items;

/// <summary>
/// The by-item subtopology's running state for one item: recency-weighted popularity, the decayed count
/// of positive engagements (n_i) and decayed co-visitation counts with other items. Mutable for the
/// same reason as <c>UserProfile</c>: read, updated in place, written back.
/// </summary>
public sealed class ItemAggregate(string itemId)
{
    public string ItemId { get; } = itemId;

    public DecayedScore Popularity { get; set; }

    public DecayedScore Count { get; set; }

    public IReadOnlyList<string> Genres { get; set; } = [];

    public CoCounts CoCounts { get; } = new();

    public long LastUpdatedMs => Math.Max(Popularity.AtMs, Count.AtMs);
}
