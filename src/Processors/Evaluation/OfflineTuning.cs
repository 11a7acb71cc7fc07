using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// The starting settings for MovieLens-scale data. MovieLens spans 1996-2018 with sparse per-user activity,
/// so its decay half-lives are years, not the streaming defaults' days: a day-scale half-life there would
/// forget almost everything between two sessions of a user. The evaluate command does not report these as
/// they stand: it chooses the CF seed count and recency on a validation split cut from the training part
/// (src/Evaluation/RecoStreamsTuning.cs). The other values came from earlier experiments that looked at the
/// test users, so they are a fixed starting point, not tuned further here.
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

            // Long rating sessions: 20 recent items scored 1.40x MostPopular on the temporal split, 10 only 1.32x.
            MaxRecentItems = 20,
            Shrinkage = 10,
            TopK = 100,
        },
        Popularity = new PopularityOptions { HalfLife = TimeSpan.FromDays(365), TrendingCapacity = 500 },
        Recommender = new RecommenderOptions { CfSeedItems = 50 },
    };
}
