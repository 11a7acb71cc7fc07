using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Models;

public sealed class ItemTransitionTrainerTests
{
    [Fact]
    public void Counts_what_follows_each_item_within_the_window_decaying_per_step()
    {
        Interaction[] log = [new("u", "a", 1, 1), new("u", "b", 2, 1), new("u", "c", 3, 1), new("u", "d", 4, 1)];

        var model = new ItemTransitionTrainer(new ItemTransitionOptions { Window = 2, StepDecay = 0.5, Shrinkage = 0 })
            .Train(log, TestContext.Current.CancellationToken);

        // a → b counts 1, a → c counts 0.5; normalised by a's total 1.5. a → d is outside the window.
        Assert.Equal([new ScoredItem("b", (float)(1 / 1.5)), new ScoredItem("c", (float)(0.5 / 1.5))], model.NeighboursOf("a"));
        Assert.Empty(model.NeighboursOf("d"));
    }

    [Fact]
    public void Items_sharing_a_timestamp_are_unordered_and_share_the_step_count()
    {
        Interaction[] log = [new("u", "a", 1, 1), new("u", "b", 2, 1), new("u", "c", 2, 1)];

        var model = new ItemTransitionTrainer(new ItemTransitionOptions { Window = 1, Shrinkage = 0 })
            .Train(log, TestContext.Current.CancellationToken);

        Assert.Equal([new ScoredItem("b", 0.5f), new ScoredItem("c", 0.5f)], model.NeighboursOf("a"));
        Assert.Empty(model.NeighboursOf("b"));
        Assert.Empty(model.NeighboursOf("c"));
    }

    [Fact]
    public void Transitions_never_cross_users_and_ignore_input_order()
    {
        Interaction[] log = [new("u2", "c", 5, 1), new("u1", "b", 2, 1), new("u2", "b", 4, 1), new("u1", "a", 1, 1)];

        var model = new ItemTransitionTrainer(new ItemTransitionOptions { Window = 3, Shrinkage = 0 })
            .Train(log, TestContext.Current.CancellationToken);

        Assert.Equal(["b"], model.NeighboursOf("a").Select(n => n.ItemId));
        Assert.Equal(["c"], model.NeighboursOf("b").Select(n => n.ItemId));
    }

    [Fact]
    public void Every_known_model_type_has_a_trainer_of_that_type()
    {
        foreach (var type in ItemModelTrainers.ModelTypes)
        {
            Assert.Equal(type, ItemModelTrainers.Create(type)!.ModelType);
        }

        Assert.Null(ItemModelTrainers.Create("unknown"));
    }
}
