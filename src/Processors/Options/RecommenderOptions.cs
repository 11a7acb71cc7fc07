namespace RecoStreams.Processors.Options;

/// <summary>Blend weights of the candidate sources for one strategy.</summary>
public sealed record BlendWeights(double Cf, double Content, double Popular);

public sealed class RecommenderOptions
{
    /// <summary>Items per list. Default 20.</summary>
    public int ListSize { get; set; } = 20;

    /// <summary>Recent items whose neighbours are CF candidates. Default 30.</summary>
    public int CfSeedItems { get; set; } = 30;

    /// <summary>
    /// The i-th most recent seed counts RecencyFactor^i. Default 0.7: the last few items say most about
    /// what comes next (on MovieLens leave-last-out, 0.7 gave NDCG@10 2.56x MostPopular, 0.95 1.97x).
    /// </summary>
    public double CfRecencyFactor { get; set; } = 0.7;

    /// <summary>Top genres and creators whose popular items are content candidates. Default 3 each.</summary>
    public int ContentTopGenres { get; set; } = 3;

    public int ContentTopCreators { get; set; } = 3;

    /// <summary>
    /// Weight of the serving trained model's neighbours against the streaming co-visitation neighbours
    /// (each list scaled to its best neighbour) in the item-kNN score. Default 1; 0 ignores trained models.
    /// </summary>
    public double TrainedNeighbourWeight { get; set; } = 1.0;

    /// <summary>
    /// The i-th most recent seed's trained neighbours count this factor^i; unset, <see cref="CfRecencyFactor"/>.
    /// A next-item model (transitions) wants its neighbours from the last few items only, where the streaming
    /// co-visitation seeds may reach further back.
    /// </summary>
    public double? TrainedRecencyFactor { get; set; }

    /// <summary>
    /// Whether the seeds' fading steps per seed or per distinct engagement time. Default <see cref="SeedFading.PerSeed"/>;
    /// the two differ only where seeds share a timestamp.
    /// </summary>
    public SeedFading SeedFading { get; set; } = SeedFading.PerSeed;

    /// <summary>How the trained neighbours are put on co-visitation's scale. Default <see cref="TrainedScaling.PerSeed"/>.</summary>
    public TrainedScaling TrainedScaling { get; set; } = TrainedScaling.PerSeed;

    public BlendWeights HybridWeights { get; set; } = new(0.6, 0.25, 0.15);

    public BlendWeights PowerWeights { get; set; } = new(0.8, 0.15, 0.05);

    public BlendWeights NewUserWeights { get; set; } = new(0.2, 0.6, 0.2);

    /// <summary>MMR λ (1 = pure relevance). Default 0.85; power users get <see cref="PowerMmrLambda"/>.</summary>
    public double MmrLambda { get; set; } = 0.85;

    public double PowerMmrLambda { get; set; } = 0.7;

    /// <summary>At most this many items of one creator per list. Default 2.</summary>
    public int MaxPerCreator { get; set; } = 2;

    /// <summary>
    /// How often dirty users are recomputed (wall clock). Default 250 ms: an event waits up to one interval for
    /// its recompute, so a 1 s interval alone put the 99th percentile of freshness near 1 s. A user with several
    /// events in one interval is still recomputed once.
    /// </summary>
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A dirty user whose latest event is older than this when a recompute pass comes is catching up: the stream
    /// thread is working off a backlog (after a restart, an outage, or while it falls behind). Such a user waits for
    /// the next catch-up pass (<see cref="CatchUpRecomputeInterval"/>) instead of being recomputed every
    /// <see cref="RecomputeInterval"/>, so the further events of that user the backlog still holds cost one
    /// recompute instead of one each; a list is never fresher than the events it answers, and those are old. Users
    /// with recent events are not affected. Default 5 s.
    /// </summary>
    public TimeSpan CatchUpEventAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often users that are catching up (<see cref="CatchUpEventAge"/>) are recomputed. Default 2 s.</summary>
    public TimeSpan CatchUpRecomputeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a user whose list comes out empty (no item popularity has arrived yet, as right after a
    /// start) stays dirty and is retried, counted from the event or refresh that made them dirty. Default 2 min.
    /// </summary>
    public TimeSpan EmptyListRetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Candidates considered by MMR re-ranking (the rest are cut by score first). Default 200.</summary>
    public int RerankPool { get; set; } = 200;

    /// <summary>
    /// Decoded catalog items and item stats kept per table for recomputes (<see cref="Processing.ItemReadCache"/>);
    /// bounds its memory. Default 100,000: a recompute reads up to a hundred items per facet of the user's top
    /// creators and genres, so with a 100,000-item catalog the items lists keep reading run to tens of thousands,
    /// and at 10,000 a recompute cost 2.6x more (docs/benchmarks.md, "Cost with more state, third pass"). About
    /// 170 MB more resident in that benchmark than at 10,000.
    /// </summary>
    public int ItemReadCacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Lists each by-user task keeps decoded, so a recompute compares the new list with the stored one without decoding
    /// it again (writes still encode it into the store at once, for the read path). Default 5,000.
    /// </summary>
    public int DecodedListCapacity { get; set; } = 5_000;

    /// <summary>A copy to change without touching these options (every setting, including those added later).</summary>
    public RecommenderOptions Copy() => (RecommenderOptions)MemberwiseClone();
}
