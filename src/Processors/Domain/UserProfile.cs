using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Domain;

/// <summary>An item the user engaged with recently, with the weight that engagement carried.</summary>
public sealed record RecentItem(string ItemId, EventType Type, double Weight, long AtMs);

/// <summary>
/// A user's folded history: decayed affinities per genre, creator, language and tag, counts per event
/// type, first/last engagement, recent items (newest first, bounded), the seen set and the disliked set.
/// A mutable aggregate rather than a record: it is read from the store, updated in place by
/// <see cref="ProfileUpdater"/> and written back, and copying its collections per event would dominate.
/// </summary>
public sealed class UserProfile
{
    public UserProfile(string userId, int seenExactCapacity, int seenBloomBits, int dislikedCapacity)
        : this(userId, new SeenItems(seenExactCapacity, new BloomFilter(seenBloomBits, 4)), new BoundedRecentSet(dislikedCapacity))
    {
    }

    public UserProfile(string userId, SeenItems seen, BoundedRecentSet disliked)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        UserId = userId;
        Seen = seen ?? throw new ArgumentNullException(nameof(seen));
        Disliked = disliked ?? throw new ArgumentNullException(nameof(disliked));
    }

    public string UserId { get; }

    public Dictionary<string, DecayedScore> Genres { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DecayedScore> Creators { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DecayedScore> Languages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DecayedScore> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<EventType, long> Counts { get; } = [];

    public long FirstEngagementMs { get; set; }

    public long LastEngagementMs { get; set; }

    /// <summary>Newest first.</summary>
    public List<RecentItem> Recent { get; } = [];

    public SeenItems Seen { get; }

    public BoundedRecentSet Disliked { get; }

    public long Interactions => Counts.Values.Sum();

    /// <summary>Interactions that say "more like this" (positive weight); the class thresholds count these.</summary>
    public long PositiveInteractions { get; set; }
}
