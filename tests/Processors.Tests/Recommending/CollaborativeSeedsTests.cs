using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class CollaborativeSeedsTests
{
    private static UserProfile Profile(IEnumerable<(double Weight, long AtMs)> recentNewestFirst)
    {
        var profile = new UserProfile("u", seenExactCapacity: 10, seenBloomBits: 64, dislikedCapacity: 1);
        var i = 0;
        profile.Recent.AddRange(recentNewestFirst.Select(r => new RecentItem($"i{i++}", EventType.Rating, r.Weight, r.AtMs)));
        return profile;
    }

    private static List<(string Item, double Cf, double Trained)> Walk(UserProfile profile, RecommenderOptions options)
    {
        var seeds = new CollaborativeSeeds(profile, options);
        var walked = new List<(string, double, double)>();
        while (seeds.Next(out var seed, out var cf, out var trained))
        {
            walked.Add((seed.ItemId, cf, trained));
        }

        return walked;
    }

    [Fact]
    public void Per_distinct_time_seeds_of_one_instant_share_a_weight_where_per_seed_ranks_them()
    {
        // Newest first: two items of the last second, one a second before, one a second before that.
        var profile = Profile([(1, 3_000), (1, 3_000), (2, 2_000), (1, 1_000)]);
        var perSeed = new RecommenderOptions { CfRecencyFactor = 0.5, TrainedRecencyFactor = 0.1 };
        var perTime = new RecommenderOptions { CfRecencyFactor = 0.5, TrainedRecencyFactor = 0.1, SeedFading = SeedFading.PerDistinctTime };

        Assert.Equal([1, 0.5, 2 * 0.25, 0.125], Walk(profile, perSeed).Select(s => s.Cf));
        Assert.Equal([1, 1, 2 * 0.5, 0.25], Walk(profile, perTime).Select(s => s.Cf));
        Assert.Equal([1, 1, 2 * 0.1, 0.1 * 0.1], Walk(profile, perTime).Select(s => s.Trained), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Each_seed_weighs_its_weight_times_the_factor_per_step_over_the_more_recent_positive_seeds()
    {
        // Profiles newest first with shared times, and non-positive weights (skipped: neither seeds nor steps).
        var recent = Gen.ListOf(Gen.Zip(Gen.Choose(-1, 3), Gen.Choose(0, 2)))
            .Select(steps =>
            {
                var at = 100_000L;
                return steps.Select(s => (Weight: (double)s.Item1, AtMs: at -= s.Item2 * 1_000L)).ToArray();
            });
        var settings =
            from factor in Gen.Elements(0.3, 0.5, 1.0)
            from count in Gen.Elements(1, 3, 50)
            from fading in Gen.Elements(SeedFading.PerSeed, SeedFading.PerDistinctTime)
            select new RecommenderOptions { CfRecencyFactor = factor, CfSeedItems = count, SeedFading = fading };
        Prop.ForAll(recent.ToArbitrary(), settings.ToArbitrary(), (items, options) =>
        {
            var (factor, count, fading) = (options.CfRecencyFactor, options.CfSeedItems, options.SeedFading);
            var positive = items.Where(i => i.Weight > 0).Take(count).ToArray();
            var expected = positive.Select((seed, n) =>
            {
                var steps = fading == SeedFading.PerSeed ? n : positive.Take(n).Select(s => s.AtMs).Where(t => t != seed.AtMs).Distinct().Count();
                return seed.Weight * Math.Pow(factor, steps);
            });
            var walked = Walk(Profile(items), options);
            return walked.Count == positive.Length
                && walked.Select(w => w.Cf).Zip(expected).All(p => Math.Abs(p.First - p.Second) < 1e-12)
                && walked.All(w => w.Cf == w.Trained);
        }).QuickCheckThrowOnFailure();
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
