using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class PairedDifferenceTests
{
    [Fact]
    public void A_mean_estimate_uses_the_sample_deviation_and_students_t()
    {
        var estimate = MeanEstimate.Of([1.0, 2, 3, 4]);

        // sd = √(5/3), se = sd/2, t(3, 0.975) = 3.18245.
        var se = Math.Sqrt(5.0 / 3) / 2;
        Assert.Equal(2.5, estimate.Mean, 10);
        Assert.Equal(se, estimate.StandardError, 10);
        Assert.Equal(2.5 - (3.182446 * se), estimate.Lower95, 4);
        Assert.Equal(2.5 + (3.182446 * se), estimate.Upper95, 4);
        Assert.Equal(4, estimate.Count);
    }

    [Fact]
    public void Pairing_removes_the_spread_both_systems_share()
    {
        double[] baseline = [0.0, 1.0, 0.0, 1.0, 0.5, 0.2];
        var system = baseline.Select((v, i) => v + (i % 2 == 0 ? 0.1 : 0.12)).ToArray();

        var difference = PairedDifference.Of(system, baseline);
        var unpaired = MeanEstimate.Of(system);

        Assert.Equal(0.11, difference.Mean, 10);
        Assert.True(difference.StandardError < unpaired.StandardError / 10);
        Assert.True(PairedDifference.IsBetter(difference));
        Assert.False(PairedDifference.IsWorse(difference));
    }

    [Fact]
    public void Refuses_unpaired_lengths_and_too_few_values()
    {
        Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => MeanEstimate.Of([1.0]));
    }
}
