using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// Settings found by tuning offline. MovieLens spans 1996-2018 with sparse per-user activity, so its
/// decay half-lives are years, not the streaming defaults' days: a day-scale half-life there would
/// forget almost everything between two sessions of a user.
/// </summary>
public static class OfflineTuning
{
    public static ReplayOptions MovieLens() => new()
    {
        Affinity = new AffinityOptions { HalfLife = TimeSpan.FromDays(365) },
        CoVisitation = new CoVisitationOptions { HalfLife = TimeSpan.FromDays(3650) },
        Popularity = new PopularityOptions { HalfLife = TimeSpan.FromDays(365), TrendingCapacity = 500 },
    };
}
