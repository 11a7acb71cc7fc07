using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Tests.Models;

public sealed class ItemNeighbourModelTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    private static ItemNeighbourModel Model(double recencyFactor, params (string Item, ScoredItem[] Neighbours)[] rows) =>
        new("test", NoParameters, rows.Select(r => new KeyValuePair<string, IReadOnlyList<ScoredItem>>(r.Item, r.Neighbours)), recencyFactor);

    [Fact]
    public void Keeps_neighbours_highest_first_and_drops_self_links_and_non_positive_scores()
    {
        var model = Model(1, ("a", [new("c", 0.2f), new("a", 5f), new("b", 0.9f), new("d", 0f), new("e", float.NaN), new("f", -1f)]));

        Assert.Equal([new ScoredItem("b", 0.9f), new ScoredItem("c", 0.2f)], model.NeighboursOf("a"));
        Assert.Empty(model.NeighboursOf("unknown"));
        Assert.Equal(["a"], model.Items);
    }

    [Fact]
    public void Scores_sum_the_history_items_neighbour_scores_and_never_return_a_history_item()
    {
        var model = Model(1, ("a", [new("b", 0.5f), new("c", 0.25f)]), ("b", [new("c", 1f), new("a", 1f)]));
        Interaction[] history = [new("u", "a", 1_000, 1), new("u", "b", 2_000, 2)];

        var scores = model.Score(history);

        Assert.Equal(["c"], scores.Keys);
        Assert.Equal(0.25 + 2.0, scores["c"], 6);
    }

    [Fact]
    public void Recency_factor_discounts_per_distinct_later_timestamp_so_same_second_items_weigh_the_same()
    {
        var model = Model(0.5, ("a", [new("x", 1f)]), ("b", [new("y", 1f)]), ("c", [new("z", 1f)]));
        Interaction[] history = [new("u", "a", 1_000, 1), new("u", "b", 2_000, 1), new("u", "c", 2_000, 1)];

        var scores = model.Score(history);

        Assert.Equal(0.5, scores["x"], 6);
        Assert.Equal(1.0, scores["y"], 6);
        Assert.Equal(1.0, scores["z"], 6);
    }

    [Fact]
    public void Recommend_ranks_by_score_then_item_id_and_stops_at_the_count()
    {
        var model = Model(1, ("a", [new("d", 0.5f), new("c", 0.5f), new("b", 0.9f), new("e", 0.1f)]));

        var list = model.Recommend([new Interaction("u", "a", 0, 1)], 3);

        Assert.Equal(["b", "c", "d"], list.Select(i => i.ItemId));
    }

    [Fact]
    public void A_history_item_with_no_positive_weight_is_still_excluded_but_adds_nothing()
    {
        var model = Model(1, ("a", [new("b", 1f)]), ("b", [new("c", 1f)]));

        var scores = model.Score([new Interaction("u", "a", 0, 1), new Interaction("u", "b", 10, 0)]);

        Assert.Empty(scores);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Refuses_a_recency_factor_outside_zero_to_one(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Model(factor));
}
