using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class DataSplitTests
{
    private static List<EngagementEvent> Log() =>
    [
        .. Enumerable.Range(0, 10).Select(i => Event("u1", $"i{i}", EventType.Rating, T0.AddHours(i), rating: i < 8 ? 4 : (i == 8 ? 5 : 2))),
        Event("u2", "i0", EventType.Rating, T0, rating: 4),
    ];

    [Fact]
    public void Temporal_split_holds_out_each_users_latest_fifth_and_keeps_single_event_users_in_train()
    {
        var split = DataSplit.Temporal(Log(), 0.2);

        Assert.Equal(["i8", "i9"], split.Test["u1"].Select(e => e.ItemId));
        Assert.False(split.Test.ContainsKey("u2"));
        Assert.Equal(9, split.Train.Count);
        Assert.True(split.Train.Zip(split.Train.Skip(1)).All(p => p.First.OccurredAtMs <= p.Second.OccurredAtMs));
    }

    [Fact]
    public void Only_ratings_at_or_above_the_threshold_are_relevant()
    {
        var split = DataSplit.Temporal(Log(), 0.2, relevanceThreshold: 3.5);

        Assert.Equal(["i8"], split.RelevantItems("u1"));
    }

    [Fact]
    public void Leave_last_out_holds_out_exactly_the_latest_event()
    {
        var split = DataSplit.LeaveLastOut(Log());

        Assert.Equal(["i9"], split.Test["u1"].Select(e => e.ItemId));
    }

    [Fact]
    public void MostPopular_ranks_by_training_count_and_skips_the_users_own_items()
    {
        var train = new[]
        {
            Event("a", "x"), Event("b", "x"), Event("c", "x"), Event("a", "y"), Event("b", "y"), Event("c", "z"),
        };
        var baseline = new MostPopularBaseline(train);

        Assert.Equal(["x", "y", "z"], baseline.Recommend("new-user", 5));
        Assert.Equal(["z"], baseline.Recommend("a", 5));
    }
}
