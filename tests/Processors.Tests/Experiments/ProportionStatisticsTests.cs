using RecoStreams.Processors.Experiments;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class ProportionStatisticsTests
{
    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.8, 0.841621)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232)]
    public void Normal_quantile_matches_tables(double p, double z) =>
        Assert.Equal(z, ProportionStatistics.NormalQuantile(p), 5);

    [Theory]
    [InlineData(1.959964, 0.975)]
    [InlineData(-1.0, 0.1586553)]
    [InlineData(3.0, 0.9986501)]
    public void Normal_cdf_matches_tables(double z, double p) =>
        Assert.Equal(p, ProportionStatistics.NormalCdf(z), 5);

    [Fact]
    public void Wilson_interval_matches_a_worked_example()
    {
        // 81 of 263 at 95 %: Wilson interval 0.2553 to 0.3662 (Newcombe 1998, example b).
        var interval = ProportionStatistics.Wilson(81, 263);

        Assert.Equal(0.2553, interval.Low, 3);
        Assert.Equal(0.3662, interval.High, 3);
    }

    [Fact]
    public void Two_proportion_test_matches_a_hand_computed_example()
    {
        // 200/2000 vs 250/2000: pooled p 0.1125, se 0.009992, z 2.50196, two-sided p 0.012351.
        var comparison = ProportionStatistics.Compare(200, 2000, 250, 2000)!;

        Assert.Equal(2.50196, comparison.ZScore, 4);
        Assert.Equal(0.012351, comparison.PValue, 5);
        Assert.True(comparison.Significant);
        Assert.Equal(0.25, comparison.RelativeUplift, 9);
        Assert.True(comparison.RelativeUpliftInterval.Contains(0.25));
        Assert.True(comparison.DifferenceInterval.Low > 0);
    }

    [Fact]
    public void Equal_rates_are_not_significant()
    {
        var comparison = ProportionStatistics.Compare(100, 1000, 100, 1000)!;

        Assert.Equal(0, comparison.ZScore, 9);
        Assert.Equal(1, comparison.PValue, 6);
        Assert.False(comparison.Significant);
    }

    [Fact]
    public void Required_sample_size_matches_the_textbook_formula()
    {
        // p1 0.10 vs p2 0.12, alpha 0.05 two-sided, power 0.8: 3,841 per arm (Fleiss without continuity correction).
        Assert.Equal(3841L, ProportionStatistics.RequiredTrialsPerArm(0.10, 0.12));
    }

    [Fact]
    public void Comparison_needs_trials_and_successes_on_both_sides()
    {
        Assert.Null(ProportionStatistics.Compare(0, 100, 5, 100));
        Assert.Null(ProportionStatistics.Compare(5, 0, 5, 100));
    }
}
