using RecoStreams.Processors.Experiments;

namespace RecoStreams.Processors.Tests.Experiments;

/// <summary>
/// Equal variants over many seeds, on the statistics alone (the topology only counts; the counting is
/// proven exact by the simulation on the mock cluster, and 1,000 topology runs would take too long).
/// </summary>
public sealed class FalsePositiveRateTests
{
    [Fact]
    public void With_equal_variants_the_z_test_rejects_at_about_the_nominal_rate()
    {
        const int Runs = 1_000;
        const double Ctr = 0.10;
        var trials = ProportionStatistics.RequiredTrialsPerArm(Ctr, Ctr * 1.2, alpha: 0.05, power: 0.8);
        var rejections = 0;
        var covered = 0;
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var a = Clicks(random, trials, Ctr);
            var b = Clicks(random, trials, Ctr);
            var comparison = ProportionStatistics.Compare(a, trials, b, trials)!;
            rejections += comparison.Significant ? 1 : 0;
            covered += comparison.RelativeUpliftInterval.Contains(0) ? 1 : 0;
        }

        // 1,000 runs at a true rate of 5 %: the standard error is 0.7 %, so 2.5 % to 7.5 % is over three of them.
        Assert.InRange((double)rejections / Runs, 0.025, 0.075);
        Assert.InRange((double)covered / Runs, 0.925, 0.975);
    }

    private static long Clicks(Random random, long trials, double p)
    {
        long clicks = 0;
        for (var i = 0; i < trials; i++)
        {
            clicks += random.NextDouble() < p ? 1 : 0;
        }

        return clicks;
    }
}
