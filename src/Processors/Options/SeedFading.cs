namespace RecoStreams.Processors.Options;

/// <summary>What one step of the item-kNN seeds' fading (<see cref="RecommenderOptions.CfRecencyFactor"/>, <see cref="RecommenderOptions.TrainedRecencyFactor"/>) counts.</summary>
public enum SeedFading
{
    /// <summary>Every positive seed is a step: the i-th most recent seed counts factor^i.</summary>
    PerSeed,

    /// <summary>
    /// Every distinct time is a step: seeds engaged at the same instant count alike, factor^(distinct later times among the
    /// seeds), as a trained model fades a history. Logs stamped to the second (MovieLens, goodbooks) hold bursts of ratings
    /// in one second whose order is unknown; per seed, the fading would rank them by an order that is not there.
    /// </summary>
    PerDistinctTime,
}
