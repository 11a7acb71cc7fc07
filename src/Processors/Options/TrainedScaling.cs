namespace RecoStreams.Processors.Options;

/// <summary>How the serving trained model's neighbour scores meet the streaming co-visitation scores.</summary>
public enum TrainedScaling
{
    /// <summary>
    /// Each seed's trained list scaled to its best neighbour and added to co-visitation's item-kNN score: every
    /// seed's best trained neighbour counts the same, however strongly the model links them.
    /// </summary>
    PerSeed,

    /// <summary>
    /// The trained scores summed over the seeds as the model scores a history (so a strong link counts more than
    /// a weak one, and items several seeds agree on rise), kept apart from co-visitation's, each of the two
    /// scaled to the list's best candidate, then mixed by <see cref="RecommenderOptions.TrainedNeighbourWeight"/>
    /// into the item-kNN score.
    /// </summary>
    WholeList,
}
