using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Tests.Affinity;

public sealed class DecayedScoreTests
{
    private const double Day = 86_400_000;

    [Fact]
    public void Score_halves_after_one_half_life_and_quarters_after_two()
    {
        var s = DecayedScore.Zero.Add(8, 0, 14 * Day);

        Assert.Equal(4, s.ValueAt((long)(14 * Day), 14 * Day), 10);
        Assert.Equal(2, s.ValueAt((long)(28 * Day), 14 * Day), 10);
    }

    [Fact]
    public void Adding_decays_the_old_score_to_the_new_time_then_adds_the_weight()
    {
        var s = DecayedScore.Zero.Add(4, 0, Day).Add(1, (long)Day, Day);

        Assert.Equal(3, s.Value, 10);
        Assert.Equal((long)Day, s.AtMs);
    }

    [Fact]
    public void An_out_of_order_weight_is_decayed_to_the_newer_time()
    {
        var s = DecayedScore.Zero.Add(1, (long)Day, Day).Add(4, 0, Day);

        Assert.Equal(3, s.Value, 10);
        Assert.Equal((long)Day, s.AtMs);
    }

    [Fact]
    public void Result_does_not_depend_on_arrival_order()
    {
        var gen = Gen.ListOf(Gen.Zip(Gen.Choose(-5, 5), Gen.Choose(1, 1000))).Select(l => l.ToArray());
        Prop.ForAll(gen.ToArbitrary(), events =>
        {
            var forward = events.Aggregate(DecayedScore.Zero, (s, e) => s.Add(e.Item1, e.Item2 * 3_600_000L, Day));
            var backward = events.Reverse().Aggregate(DecayedScore.Zero, (s, e) => s.Add(e.Item1, e.Item2 * 3_600_000L, Day));
            var at = 2_000L * 3_600_000;
            return Math.Abs(forward.ValueAt(at, Day) - backward.ValueAt(at, Day)) < 1e-9;
        }).QuickCheckThrowOnFailure();
    }
}
