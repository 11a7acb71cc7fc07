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
    public void Leave_last_out_holds_out_the_whole_last_second_not_the_largest_id_in_it()
    {
        EngagementEvent[] log =
        [
            Event("u", "a", EventType.Rating, T0, rating: 4),
            Event("u", "z", EventType.Rating, T0.AddSeconds(10), rating: 4),
            Event("u", "b", EventType.Rating, T0.AddSeconds(10), rating: 4),
        ];

        var split = DataSplit.LeaveLastOut(log);

        Assert.Equal(["b", "z"], split.Test["u"].Select(e => e.ItemId).Order());
        Assert.Equal(["a"], split.Train.Select(e => e.ItemId));
    }

    [Fact]
    public void A_user_whose_events_all_share_one_second_is_not_split()
    {
        EngagementEvent[] log = [Event("u", "a", EventType.Rating, T0, rating: 4), Event("u", "b", EventType.Rating, T0, rating: 4)];

        Assert.Empty(DataSplit.LeaveLastOut(log).Test);
        Assert.Empty(DataSplit.Temporal(log, 0.5).Test);
    }

    [Fact]
    public void Temporal_moves_its_cut_to_a_second_boundary()
    {
        // Five events; 20 % is the last one, but it shares its second with the one before.
        EngagementEvent[] log =
        [
            .. Enumerable.Range(0, 3).Select(i => Event("u", $"i{i}", EventType.Rating, T0.AddSeconds(i), rating: 4)),
            Event("u", "x", EventType.Rating, T0.AddSeconds(5), rating: 4),
            Event("u", "y", EventType.Rating, T0.AddSeconds(5), rating: 4),
        ];

        var split = DataSplit.Temporal(log, 0.2);

        Assert.Equal(["x", "y"], split.Test["u"].Select(e => e.ItemId).Order());
    }

    [Fact]
    public void Training_ties_within_a_second_follow_the_seeded_hash_not_the_item_id()
    {
        var log = Enumerable.Range(0, 20).Select(i => Event("u", $"item{i:D2}", EventType.Rating, T0, rating: 4))
            .Append(Event("u", "last", EventType.Rating, T0.AddSeconds(1), rating: 4));

        var train = DataSplit.LeaveLastOut(log).Train;

        Assert.Equal(train.OrderBy(e => DataSplit.SameSecondOrder(e.EventId)).Select(e => e.ItemId), train.Select(e => e.ItemId));
        Assert.NotEqual(train.Select(e => e.ItemId).Order(StringComparer.Ordinal), train.Select(e => e.ItemId));
    }

    [Fact]
    public void Global_time_cuts_everyone_at_one_instant_and_scores_only_users_seen_before_it()
    {
        EngagementEvent[] log =
        [
            .. Enumerable.Range(0, 8).Select(i => Event("old", $"i{i}", EventType.Rating, T0.AddDays(i), rating: 4)),
            Event("old", "late", EventType.Rating, T0.AddDays(9), rating: 4),
            Event("newcomer", "i1", EventType.Rating, T0.AddDays(9), rating: 4),
        ];

        var split = DataSplit.GlobalTime(log, 0.2);

        Assert.Equal(T0.AddDays(9).ToUnixTimeMilliseconds(), split.CutMs);
        Assert.All(split.Train, e => Assert.True(e.OccurredAtMs < split.CutMs));
        Assert.Equal(["old"], split.Test.Keys);
        Assert.Equal(["late"], split.Test["old"].Select(e => e.ItemId));
    }

    [Fact]
    public void A_rolling_origin_starts_at_the_global_cut_and_holds_out_each_window_with_only_its_past_to_learn_from()
    {
        var log = Enumerable.Range(0, 6).SelectMany(u => Enumerable.Range(0, 10)
            .Select(i => Event($"u{u}", $"i{(u + i) % 12}", EventType.Rating, T0.AddHours((i * 6) + u + (u == 5 ? 40 : 0)), rating: 4))).ToList();
        var single = DataSplit.GlobalTime(log, 0.4);

        var windows = DataSplit.RollingOrigin(log, 0.4, 4);

        Assert.Equal(4, windows.Count);
        Assert.Equal(single.CutMs, windows[0].CutMs);
        Assert.Equal(single.Train.Select(e => e.EventId), windows[0].Train.Select(e => e.EventId));
        Assert.Equal(single.Validation().Train.Select(e => e.EventId), windows[0].Validation().Train.Select(e => e.EventId));
        for (var w = 0; w < windows.Count; w++)
        {
            var (cut, next) = (windows[w].CutMs!.Value, w + 1 < windows.Count ? windows[w + 1].CutMs!.Value : long.MaxValue);
            Assert.Equal("global-time-rolling", windows[w].Protocol);
            Assert.Equal(log.Where(e => e.OccurredAtMs < cut).Select(e => e.EventId).Order(), windows[w].Train.Select(e => e.EventId).Order());
            var trainUsers = windows[w].Train.Select(e => e.UserId).ToHashSet();
            Assert.Equal(
                log.Where(e => e.OccurredAtMs >= cut && e.OccurredAtMs < next && trainUsers.Contains(e.UserId)).Select(e => e.EventId).Order(),
                windows[w].Test.Values.SelectMany(v => v).Select(e => e.EventId).Order());
        }

        // u5 starts after the global cut: a cold start there, scored in a later window once it has a past.
        Assert.DoesNotContain("u5", single.Test.Keys);
        Assert.Contains(windows, w => w.Test.ContainsKey("u5"));
    }

    [Theory]
    [InlineData("leave-last-out")]
    [InlineData("temporal")]
    [InlineData("global-time")]
    public void The_validation_split_is_cut_from_the_training_part_and_holds_out_only_earlier_events(string protocol)
    {
        var log = Enumerable.Range(0, 6).SelectMany(u => Enumerable.Range(0, 10)
            .Select(i => Event($"u{u}", $"i{(u + i) % 12}", EventType.Rating, T0.AddHours((i * 6) + u), rating: 4))).ToList();
        var split = protocol switch
        {
            "leave-last-out" => DataSplit.LeaveLastOut(log),
            "temporal" => DataSplit.Temporal(log),
            _ => DataSplit.GlobalTime(log),
        };

        var validation = split.Validation();

        Assert.Equal(protocol, validation.Protocol);
        Assert.NotEmpty(validation.Test);
        var trainIds = split.Train.Select(e => e.EventId).ToHashSet();
        var validationEvents = validation.Train.Concat(validation.Test.Values.SelectMany(v => v)).ToList();
        Assert.All(validationEvents, e => Assert.Contains(e.EventId, trainIds));
        foreach (var (user, held) in validation.Test)
        {
            Assert.True(held.Max(e => e.OccurredAtMs) < split.Test[user].Min(e => e.OccurredAtMs));
        }
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
