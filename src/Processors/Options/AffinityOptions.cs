namespace RecoStreams.Processors.Options;

/// <summary>How engagement folds into a user profile. Defaults suit media catalogues.</summary>
public sealed class AffinityOptions
{
    /// <summary>Affinities halve after this long without reinforcement. Default 14 days.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(14);

    public double ViewWeight { get; set; } = 1;

    public double ClickWeight { get; set; } = 1;

    public double LikeWeight { get; set; } = 3;

    public double DislikeWeight { get; set; } = -4;

    public double AddToCartWeight { get; set; } = 4;

    public double PurchaseWeight { get; set; } = 6;

    /// <summary>A watch weighs this times the fraction watched (0..1). Default 2.</summary>
    public double WatchFullWeight { get; set; } = 2;

    /// <summary>A watch with no known duration (neither event nor catalog) counts as this fraction. Default 0.5.</summary>
    public double WatchUnknownFraction { get; set; } = 0.5;

    /// <summary>A rating weighs (rating - RatingPivot) · RatingScale, so low ratings are negative. Defaults 3 and 1.5.</summary>
    public double RatingPivot { get; set; } = 3;

    public double RatingScale { get; set; } = 1.5;

    /// <summary>Recent items kept per profile, newest first. Default 50.</summary>
    public int RecentItemsCapacity { get; set; } = 50;

    /// <summary>Seen items kept exactly; older ones go to a Bloom filter. Default 2000.</summary>
    public int SeenExactCapacity { get; set; } = 2000;

    /// <summary>Bits of the seen-overflow Bloom filter (8 KiB by default, ~1% false positives at 7k ids).</summary>
    public int SeenBloomBits { get; set; } = 65536;

    /// <summary>Disliked items remembered. Default 500.</summary>
    public int DislikedCapacity { get; set; } = 500;

    /// <summary>Affinity entries kept per dimension (genre, creator, ...); the weakest are dropped. Default 100.</summary>
    public int MaxEntriesPerDimension { get; set; } = 100;

    /// <summary>
    /// Profiles each by-user task keeps decoded, so an event and the recompute after it do not decode the user's
    /// profile again (writes still encode it into the store at once, for the read path). Default 2,000.
    /// </summary>
    public int DecodedProfileCapacity { get; set; } = 2_000;
}
