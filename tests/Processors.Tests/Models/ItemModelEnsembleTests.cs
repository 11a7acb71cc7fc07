using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Tests.Models;

public sealed class ItemModelEnsembleTests
{
    private static ItemNeighbourModel Model(string type, params (string Item, ScoredItem[] Neighbours)[] rows) =>
        new(type, new Dictionary<string, string>(), rows.Select(r => new KeyValuePair<string, IReadOnlyList<ScoredItem>>(r.Item, r.Neighbours)));

    [Fact]
    public void Each_models_list_counts_relative_to_its_best_neighbour_so_scales_do_not_decide()
    {
        // EASE-like weights are tiny, transition counts large: scaled, each model's best counts 1.
        var ease = Model("ease", ("a", [new("b", 0.002f), new("c", 0.001f)]));
        var transitions = Model("item-transitions", ("a", [new("c", 40f), new("d", 10f)]), ("x", [new("a", 3f)]));

        var ensemble = ItemModelEnsemble.Combine([ease, transitions], topK: 10);

        Assert.Equal(["c", "b", "d"], ensemble.NeighboursOf("a").Select(n => n.ItemId));
        Assert.Equal(1.5, ensemble.NeighboursOf("a")[0].Score, 5);
        Assert.Equal(1.0, ensemble.NeighboursOf("a")[1].Score, 5);
        Assert.Equal(0.25, ensemble.NeighboursOf("a")[2].Score, 5);
        Assert.Equal(["a"], ensemble.NeighboursOf("x").Select(n => n.ItemId));
        Assert.Equal("ease+item-transitions", ensemble.Parameters["models"]);
        Assert.Equal(ItemModelEnsemble.Type, ensemble.ModelType);
    }

    [Fact]
    public void Keeps_only_the_top_k_neighbours_per_item()
    {
        var model = Model("ease", ("a", [new("b", 4f), new("c", 3f), new("d", 2f)]));

        var ensemble = ItemModelEnsemble.Combine([model], topK: 2);

        Assert.Equal(["b", "c"], ensemble.NeighboursOf("a").Select(n => n.ItemId));
    }

    [Fact]
    public void Per_model_weights_scale_each_scaled_list_and_a_weight_of_zero_leaves_a_model_out()
    {
        var ease = Model("ease", ("a", [new("b", 0.002f), new("c", 0.001f)]));
        var transitions = Model("item-transitions", ("a", [new("c", 40f), new("d", 10f)]));

        var tilted = ItemModelEnsemble.Combine([ease, transitions], topK: 10, weights: [0.5, 1]);
        var transitionsOnly = ItemModelEnsemble.Combine([ease, transitions], topK: 10, weights: [0, 1]);

        Assert.Equal(["c", "b", "d"], tilted.NeighboursOf("a").Select(n => n.ItemId));
        Assert.Equal([1.25, 0.5, 0.25], tilted.NeighboursOf("a").Select(n => Math.Round(n.Score, 5)));
        Assert.Equal("0.5+1", tilted.Parameters["weights"]);
        Assert.Equal(["c", "d"], transitionsOnly.NeighboursOf("a").Select(n => n.ItemId));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_negative_or_non_finite_weight_is_refused(double weight)
    {
        var model = Model("ease", ("a", [new("b", 1f)]));

        Assert.Throws<ArgumentException>(() => ItemModelEnsemble.Combine([model, model], topK: 2, weights: [1, weight]));
    }
}
