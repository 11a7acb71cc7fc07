using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Evaluation.Tests;

public sealed class BaselineTuningTests
{
    private static readonly DateTimeOffset T0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Each user watches five of the cycle f, e, d, c, b, a, starting at a different place, a minute apart;
    /// user "lonely" watched d, then z.
    /// </summary>
    private static List<EngagementEvent> Sequences()
    {
        string[] cycle = ["f", "e", "d", "c", "b", "a"];
        return
        [
            .. Enumerable.Range(0, 18).SelectMany(u => Enumerable.Range(0, 5).Select(step =>
                new EngagementEvent($"u{u}:{step}", $"u{u}", cycle[(u + step) % 6], EventType.Rating, T0.AddHours(u).AddMinutes(step), 4))),
            new EngagementEvent("lonely:d", "lonely", "d", EventType.Rating, T0, 4),
            new EngagementEvent("lonely:z", "lonely", "z", EventType.Rating, T0.AddMinutes(1), 4),
        ];
    }

    [Fact]
    public void Chooses_the_candidate_best_on_validation_then_retrains_it_on_the_whole_training_part()
    {
        var split = DataSplit.LeaveLastOut(Sequences());
        var validation = split.Validation();
        var validationScorer = new ListScorer(validation, catalogSize: 7);
        var testScorer = new ListScorer(split, catalogSize: 7);
        IItemModelTrainer[] trainers =
        [
            new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = 0 }),
            new ItemTransitionTrainer(new ItemTransitionOptions { Window = 1, Shrinkage = 0 }),
            new ItemTransitionTrainer(new ItemTransitionOptions { Window = 3, StepDecay = 1, Shrinkage = 0 }),
        ];
        var family = new ItemModelFamily("mixed", trainers, [1.0, 0.5]);

        var (setting, _, _, testLists, _) = BaselineTuning.Run(
            family, split, validation, validationScorer, testScorer.Users, k: 2, listSize: 3, TextWriter.Null, TestContext.Current.CancellationToken);

        var validationLists = new ItemModelLists(validation.Train, TrainingInteractions.From);
        var tried = (from trainer in trainers
                     from recency in family.RecencyFactors
                     let model = trainer.Train(validationLists.TrainInteractions, TestContext.Current.CancellationToken).WithRecencyFactor(recency)
                     let ndcg = validationScorer.Score("x", validationLists.For(model, validationScorer.Users, 3), 2).Ndcg.Average()
                     select (trainer, recency, ndcg)).ToList();
        var best = tried.First(t => t.ndcg == tried.Max(x => x.ndcg));
        Assert.True(tried.Min(t => t.ndcg) < best.ndcg, "The candidates should differ on validation for this test to mean anything.");
        Assert.Equal(best.ndcg, setting.ValidationNdcg, 12);
        Assert.All(best.trainer.Parameters.Where(p => p.Key != "recencyFactor"), p => Assert.Equal(p.Value, setting.Parameters[p.Key]));
        Assert.Equal(6, setting.Candidates);

        var testModelLists = new ItemModelLists(split.Train, TrainingInteractions.From);
        var expected = testModelLists.For(
            best.trainer.Train(testModelLists.TrainInteractions, TestContext.Current.CancellationToken).WithRecencyFactor(best.recency), testScorer.Users, 3);
        Assert.All(testScorer.Users, u => Assert.Equal(expected[u], testLists[u]));
    }

    [Fact]
    public void Fills_a_list_with_popular_unseen_items_when_the_model_knows_too_little()
    {
        var split = DataSplit.LeaveLastOut(Sequences());
        var lists = new ItemModelLists(split.Train, TrainingInteractions.From);
        var empty = new ItemNeighbourModel("none", new Dictionary<string, string>(), []);
        var popular = new MostPopularBaseline(split.Train);

        var list = lists.For(empty, ["lonely"], 3)["lonely"];

        Assert.Equal(popular.Recommend("lonely", 3), list);
        Assert.DoesNotContain("d", list);
        Assert.Equal(3, list.Count);
    }
}
