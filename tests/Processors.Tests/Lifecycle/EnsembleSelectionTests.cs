using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>
/// The ensemble's members chosen on a validation cut of the training events: 4 groups of 5 items, each user
/// views 4 items of one group, one per round, with ratings so some held-out views are not relevant.
/// </summary>
public sealed class EnsembleSelectionTests
{
    private static readonly TrainingSettings Settings = new(0.25, 10, 1000);

    private static readonly List<EngagementEvent> Train =
        [.. Enumerable.Range(0, 4).SelectMany(round => Enumerable.Range(0, 24).Select(u =>
            Event(
                "u" + u.ToString(CultureInfo.InvariantCulture),
                FormattableString.Invariant($"g{u % 4}-i{((u / 4) + round) % 5}"),
                EventType.Rating,
                T0.AddDays(round).AddMinutes(u),
                rating: (u + round) % 3 == 0 ? 2 : 4)))];

    private static Interaction AsInteraction(EngagementEvent e) => new(e.UserId, e.ItemId, e.OccurredAtMs, (float)(e.Rating ?? 1));

    [Fact]
    public void Each_member_gets_the_setting_of_its_grid_that_is_best_on_the_validation_users()
    {
        var resolved = EnsembleSelection.Resolve(new Dictionary<string, string>(), Train, AsInteraction, Settings, CancellationToken.None);

        var validation = HoldoutSplit.Cut(Train, Settings.HoldoutFraction, Settings.MaxHoldoutUsers);
        var lists = new ItemModelLists(validation.Train, AsInteraction);
        var users = validation.Relevant.Keys.ToList();
        foreach (var family in ItemModelFamily.All())
        {
            var member = family.Trainers[0].ModelType;
            var tried = (from trainer in family.Trainers
                         let model = trainer.Train(lists.TrainInteractions, CancellationToken.None)
                         from recency in family.RecencyFactors
                         let ranked = lists.For(model.WithRecencyFactor(recency), users, 10)
                         select (trainer, ndcg: users.Average(u => RankingMetrics.NdcgAtK(ranked[u], validation.Relevant[u], 10)))).ToList();
            var best = tried.First(t => t.ndcg == tried.Max(x => x.ndcg));

            Assert.Equal(best.ndcg.ToString("F4", CultureInfo.InvariantCulture), resolved[member + ".validationNdcg"]);
            Assert.All(best.trainer.Parameters.Where(p => p.Key != "recencyFactor"), p => Assert.Equal(p.Value, resolved[member + "." + p.Key]));
        }

        Assert.StartsWith(FormattableString.Invariant($"validation: {users.Count} users"), resolved[EnsembleSelection.ChosenOn], StringComparison.Ordinal);
    }

    [Fact]
    public void Named_members_are_kept_and_nothing_is_chosen_when_all_are_named()
    {
        var named = new Dictionary<string, string> { ["ease.lambda"] = "5", ["item-knn.shrinkage"] = "1", ["item-transitions.window"] = "2" };

        Assert.Same(named, EnsembleSelection.Resolve(named, Train, AsInteraction, Settings, CancellationToken.None));
    }

    [Fact]
    public void Too_few_validation_users_fail_with_a_reason_that_says_what_to_do()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => EnsembleSelection.Resolve(new Dictionary<string, string>(), Train.Take(5).ToList(), AsInteraction, Settings, CancellationToken.None));

        Assert.Contains("name the members' settings", e.Message, StringComparison.Ordinal);
    }
}
