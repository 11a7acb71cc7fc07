using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// The seeds the item-kNN sources read from a profile (the most recent positive items, up to
/// <see cref="RecommenderOptions.CfSeedItems"/>), each with its faded weight for co-visitation and for the trained
/// neighbours (a step per seed or per distinct time, <see cref="RecommenderOptions.SeedFading"/>), and how a seed's
/// trained neighbours add. One walk for <see cref="CandidateGenerator"/> and
/// <see cref="BlendSweep"/>, whose lists must agree to the last bit.
/// </summary>
internal struct CollaborativeSeeds(UserProfile profile, RecommenderOptions options)
{
    private readonly double _trainedFactor = options.TrainedRecencyFactor ?? options.CfRecencyFactor;
    private int _next;
    private int _seeds;
    private double _recency = 1.0;
    private double _trainedRecency = 1.0;
    private long _lastAtMs;

    /// <summary>The next seed and its weights; false when the profile or the seed count is exhausted.</summary>
    public bool Next(out RecentItem seed, out double cfWeight, out double trainedWeight)
    {
        var recent = profile.Recent;
        while (_seeds < options.CfSeedItems && _next < recent.Count)
        {
            seed = recent[_next++];
            if (seed.Weight <= 0)
            {
                continue;
            }

            if (_seeds > 0 && (options.SeedFading == SeedFading.PerSeed || seed.AtMs != _lastAtMs))
            {
                _recency *= options.CfRecencyFactor;
                _trainedRecency *= _trainedFactor;
            }

            (_seeds, _lastAtMs) = (_seeds + 1, seed.AtMs);
            (cfWeight, trainedWeight) = (_recency * seed.Weight, _trainedRecency * seed.Weight);
            return true;
        }

        (seed, cfWeight, trainedWeight) = (null!, 0, 0);
        return false;
    }

    /// <summary>
    /// The weight a seed's trained neighbours add with and whether they add to the trained score kept apart
    /// (<see cref="TrainedScaling.WholeList"/>); null when they add nothing (a per-seed list whose best is not positive).
    /// </summary>
    public static (double Weight, bool KeptApart)? TrainedContribution(RecommenderOptions options, double trainedWeight, double best) =>
        options.TrainedScaling == TrainedScaling.WholeList ? (trainedWeight, true)
        // Trained similarities live on another scale than co-visitation's (EASE weights are small):
        // scaled to the list's best, the option weighs the two sources as it says.
        : best > 0 ? (trainedWeight * options.TrainedNeighbourWeight / best, false)
        : null;
}
