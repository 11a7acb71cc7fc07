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
}
