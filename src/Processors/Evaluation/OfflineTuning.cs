using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// Settings found by tuning offline. MovieLens spans 1996-2018 with sparse per-user activity, so its
/// decay half-lives are years, not the streaming defaults' days: a day-scale half-life there would
/// forget almost everything between two sessions of a user. Found on a per-user temporal 80/20 split:
/// co-visitation over whole histories with little shrinkage, ratings above 2.5 as positive signals and
/// 50 CF seeds decaying slowly each gained a little (NDCG@10 0.112 → 0.118); blend weights, MMR λ,
/// popularity half-life and β barely mattered.
/// </summary>
public static class OfflineTuning
{
    public static ReplayOptions MovieLens() => new()
    {
        Affinity = new AffinityOptions { HalfLife = TimeSpan.FromDays(365), RatingPivot = 2.5 },
        CoVisitation = new CoVisitationOptions
        {
            HalfLife = TimeSpan.FromDays(3650),
            SessionGap = TimeSpan.FromDays(3650),
            Shrinkage = 1,
            TopK = 100,
        },
        Popularity = new PopularityOptions { HalfLife = TimeSpan.FromDays(365), TrendingCapacity = 500 },
        Recommender = new RecommenderOptions { CfSeedItems = 50, CfRecencyFactor = 0.98 },
    };
}
