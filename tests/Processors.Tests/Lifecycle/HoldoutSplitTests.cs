using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

public sealed class HoldoutSplitTests
{
    [Fact]
    public void One_cut_for_everyone_holds_out_the_latest_events_and_only_new_relevant_items()
    {
        List<EngagementEvent> events =
        [
            Event("a", "x", at: T0),
            Event("b", "x", at: T0.AddMinutes(1)),
            Event("a", "y", at: T0.AddMinutes(2)),
            Event("b", "y", at: T0.AddMinutes(3)),
            Event("c", "z", at: T0.AddMinutes(4)),
            Event("a", "z", at: T0.AddMinutes(5)),
            Event("a", "x", at: T0.AddMinutes(5)),
            Event("b", "w", EventType.Rating, T0.AddMinutes(6), rating: 2),
            Event("c", "q", at: T0.AddMinutes(7)),
            Event("b", "v", at: T0.AddMinutes(8)),
        ];

        var split = HoldoutSplit.Cut(events, holdoutFraction: 0.5, maxUsers: 10);

        Assert.Equal(Ms(T0.AddMinutes(5)), split.CutMs);
        Assert.Equal(5, split.Train.Count);
        Assert.All(split.Train, e => Assert.True(e.OccurredAtMs < split.CutMs));

        // a: z is new, x was seen before the cut; b: the low rating is not relevant, v is; c: q is new.
        Assert.Equal(["a", "b", "c"], split.Relevant.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["z"], split.Relevant["a"]);
        Assert.Equal(["v"], split.Relevant["b"]);
        Assert.Equal(["q"], split.Relevant["c"]);
    }

    [Fact]
    public void Events_of_the_cuts_millisecond_are_all_held_out()
    {
        List<EngagementEvent> events = [Event("a", "x", at: T0), Event("a", "y", at: T0.AddMinutes(1)), Event("a", "z", at: T0.AddMinutes(1))];

        var split = HoldoutSplit.Cut(events, holdoutFraction: 0.4, maxUsers: 10);

        Assert.Single(split.Train);
        Assert.Equal(["y", "z"], split.Relevant["a"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Users_without_history_before_the_cut_are_not_held_out_and_the_count_is_capped()
    {
        List<EngagementEvent> events =
        [
            Event("a", "x", at: T0), Event("b", "x", at: T0), Event("c", "x", at: T0),
            Event("a", "y", at: T0.AddMinutes(1)), Event("b", "y", at: T0.AddMinutes(1)), Event("c", "y", at: T0.AddMinutes(1)),
            Event("new", "y", at: T0.AddMinutes(1)),
        ];

        var split = HoldoutSplit.Cut(events, holdoutFraction: 0.5, maxUsers: 2);

        Assert.Equal(["a", "b"], split.Relevant.Keys.Order(StringComparer.Ordinal));
    }
}
