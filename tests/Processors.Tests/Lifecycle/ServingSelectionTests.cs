using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>
/// A training job choosing its serving settings on a validation cut of the training events: 4 groups of 6 items,
/// each user views 4 items of one group, one per round, rounds two days apart (beyond the co-visitation session gap).
/// </summary>
public sealed class ServingSelectionTests
{
    private static readonly TrainingSettings Settings = new(0.25, 5, 1000);

    private static readonly List<CatalogItem> Catalog =
        [.. Enumerable.Range(0, 24).Select(i => Item(FormattableString.Invariant($"g{i / 6}-i{i % 6}"), ["Drama"], ["c" + i.ToString(CultureInfo.InvariantCulture)]))];

    private static readonly List<EngagementEvent> Train =
        [.. Enumerable.Range(0, 4).SelectMany(round => Enumerable.Range(0, 24).Select(u =>
            Event("u" + u.ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"g{u % 4}-i{((u / 4) + round) % 6}"), at: T0.AddDays(2 * round).AddMinutes(u))))];

    private static Interaction AsInteraction(EngagementEvent e) => new(e.UserId, e.ItemId, e.OccurredAtMs, 1);

    private static IReadOnlyDictionary<string, string> Resolve(string modelType, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<EngagementEvent>? train = null) =>
        ServingSelection.Resolve(
            modelType, parameters, train ?? Train, AsInteraction, new ModelTrainerFactory(), new ReplayOptions(), Catalog, Settings, CancellationToken.None);

    [Fact]
    public void The_chosen_settings_score_at_least_as_well_on_validation_as_any_single_weight_and_are_recorded()
    {
        var resolved = Resolve(ItemKnnTrainer.Type, new Dictionary<string, string> { ["shrinkage"] = "2" });

        Assert.Equal("2", resolved["shrinkage"]);
        Assert.All(BlendSelection.ChosenSettings, name => Assert.True(resolved.ContainsKey(name), name));
        var chosenNdcg = double.Parse(resolved[ServingSelection.ValidationNdcg], CultureInfo.InvariantCulture);

        // Scored independently on the same cut: the recorded score is that of the recorded settings, and no
        // weight of the grid's first stage does better.
        var validation = HoldoutSplit.Cut(Train, Settings.HoldoutFraction, Settings.MaxHoldoutUsers);
        var model = new ModelTrainerFactory().Create(ItemKnnTrainer.Type, resolved)!.Train([.. validation.Train.Select(AsInteraction)], CancellationToken.None);
        var evaluation = new AsServedEvaluation(new ReplayOptions(), Catalog, validation);
        double Ndcg(RecommenderOptions o) => evaluation.Score(model, o, Settings.NeighboursPerItem, CancellationToken.None).Metrics.NdcgAt10;

        Assert.Equal(chosenNdcg, Ndcg(ConfigModelSettings.Apply(new RecommenderOptions(), ConfigModelSettings.Named(resolved))), 4);
        foreach (var weight in new[] { 0.025, 0.1, 1, 4 })
        {
            Assert.True(Ndcg(new RecommenderOptions { TrainedNeighbourWeight = weight }) <= chosenNdcg + 5e-5, weight.ToString(CultureInfo.InvariantCulture));
        }

        Assert.StartsWith(FormattableString.Invariant($"validation: {validation.Relevant.Count} users, cut "), resolved[ServingSelection.ChosenOn], StringComparison.Ordinal);
    }

    [Fact]
    public void An_ensemble_chooses_its_member_weights_among_the_weightings_evaluate_tries()
    {
        var members = new Dictionary<string, string> { ["ease.lambda"] = "10", ["item-knn.shrinkage"] = "2", ["item-transitions.window"] = "3" };

        var resolved = Resolve(ItemModelEnsemble.Type, members);

        var weights = ModelTrainerFactory.EnsembleMembers.ToDictionary(
            m => m, m => double.Parse(resolved[m + ".weight"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Contains(BlendSelection.EnsembleWeights, w => w.OrderBy(x => x.Key, StringComparer.Ordinal).SequenceEqual(weights.OrderBy(x => x.Key, StringComparer.Ordinal)));
        Assert.Equal("10", resolved["ease.lambda"]);
        Assert.True(resolved.ContainsKey("trainedNeighbourWeight"));
    }

    [Fact]
    public void A_request_naming_a_serving_setting_or_a_member_weight_is_taken_as_named()
    {
        var named = new Dictionary<string, string> { ["trainedNeighbourWeight"] = "0.3" };
        var weighted = new Dictionary<string, string> { ["ease.weight"] = "2" };

        Assert.Same(named, Resolve(EaseTrainer.Type, named));
        Assert.Same(weighted, Resolve(ItemModelEnsemble.Type, weighted));
    }

    [Fact]
    public void Too_few_validation_users_fail_with_a_reason_that_says_what_to_do()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(ItemKnnTrainer.Type, new Dictionary<string, string>(), Train.Take(5).ToList()));

        Assert.Contains("name the serving settings", e.Message, StringComparison.Ordinal);
    }
}
