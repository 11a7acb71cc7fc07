using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Models;

public sealed class ItemModelEnsembleTrainerTests
{
    private static readonly List<Interaction> Interactions =
    [
        .. Enumerable.Range(0, 12).SelectMany(u => new[] { "a", "b", "c", "d" }.Skip(u % 3).Take(2).Select((item, step) =>
            new Interaction("u" + u, item, (u * 10) + step, 1f))),
    ];

    [Fact]
    public void Trains_every_member_on_the_same_interactions_and_combines_them()
    {
        IItemModelTrainer[] members = [new ItemKnnTrainer(new ItemKnnOptions()), new ItemTransitionTrainer(new ItemTransitionOptions { Shrinkage = 0 })];
        var ensemble = new ItemModelEnsembleTrainer(members, topK: 2);

        var trained = ensemble.Train(Interactions, CancellationToken.None);

        var expected = ItemModelEnsemble.Combine([.. members.Select(m => m.Train(Interactions, CancellationToken.None))], 2);
        Assert.Equal(ItemModelEnsemble.Type, trained.ModelType);
        Assert.Equal(expected.Items, trained.Items);
        Assert.All(expected.Items, item => Assert.Equal(expected.NeighboursOf(item), trained.NeighboursOf(item)));
        Assert.Contains(trained.Items, item => trained.NeighboursOf(item).Count == 2);
    }

    [Fact]
    public void Its_settings_name_each_member_and_each_members_settings_by_prefix()
    {
        var knn = new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = 3 });
        var ensemble = new ItemModelEnsembleTrainer([knn, new EaseTrainer(new EaseOptions())], topK: 7);

        Assert.Equal("item-knn+ease", ensemble.Parameters["models"]);
        Assert.Equal("7", ensemble.Parameters["topK"]);
        Assert.All(knn.Parameters, p => Assert.Equal(p.Value, ensemble.Parameters["item-knn." + p.Key]));
        Assert.Equal(knn.Parameters, ItemModelEnsembleTrainer.MemberSettings(ensemble.Parameters, ItemKnnTrainer.Type));
    }

    [Fact]
    public void The_factory_rebuilds_an_ensemble_exactly_from_its_recorded_settings()
    {
        var factory = new ModelTrainerFactory();
        var first = factory.Create(ItemModelEnsemble.Type, new Dictionary<string, string> { ["ease.lambda"] = "50", ["item-knn.recencyHalfLifeDays"] = "30" })!;

        var again = factory.Create(ItemModelEnsemble.Type, first.Parameters)!;

        Assert.Equal("50", first.Parameters["ease.lambda"]);
        Assert.Equal("30", first.Parameters["item-knn.recencyHalfLifeDays"]);
        Assert.Equal(new ItemTransitionTrainer(new ItemTransitionOptions()).Parameters["window"], first.Parameters["item-transitions.window"]);
        Assert.Equal(first.Parameters, again.Parameters);
    }

    [Fact]
    public void Member_weights_named_in_the_settings_weigh_the_combination_and_are_recorded()
    {
        var factory = new ModelTrainerFactory();
        var settings = new Dictionary<string, string> { ["ease.weight"] = "0", ["item-knn.weight"] = "1", ["item-transitions.weight"] = "2", ["topK"] = "3" };

        var weighted = factory.Create(ItemModelEnsemble.Type, settings)!;
        var trained = weighted.Train(Interactions, CancellationToken.None);

        var members = ModelTrainerFactory.EnsembleMembers.Select(type => factory.Create(type, new Dictionary<string, string>())!.Train(Interactions, CancellationToken.None)).ToList();
        var expected = ItemModelEnsemble.Combine(members, 3, [0, 1, 2]);
        var alike = ItemModelEnsemble.Combine(members, 3);
        Assert.All(expected.Items, item => Assert.Equal(expected.NeighboursOf(item), trained.NeighboursOf(item)));
        Assert.Contains(expected.Items, item => !expected.NeighboursOf(item).SequenceEqual(alike.NeighboursOf(item)));
        Assert.Equal("2", weighted.Parameters["item-transitions.weight"]);
        Assert.Equal(weighted.Parameters, factory.Create(ItemModelEnsemble.Type, weighted.Parameters)!.Parameters);
        Assert.DoesNotContain(factory.Create(ItemModelEnsemble.Type, new Dictionary<string, string>())!.Parameters.Keys, k => k.EndsWith(".weight", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => factory.Create(ItemModelEnsemble.Type, new Dictionary<string, string> { ["ease.weight"] = "-1" }));
    }

    [Fact]
    public void A_member_type_given_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ItemModelEnsembleTrainer([new EaseTrainer(new EaseOptions()), new EaseTrainer(new EaseOptions())]));
    }
}
