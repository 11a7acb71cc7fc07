using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>
/// Training, evaluation against the champion and the gate on a history with a clear item-to-item structure:
/// 6 groups of 6 items; each user views 4 items of one group, one per round, rounds two days apart (beyond the
/// co-visitation session gap, so the streaming recommender alone learns no pairs).
/// </summary>
public sealed class ModelTrainingTests
{
    private const int Groups = 6;
    private const int Size = 6;
    private const string BadType = "cross-group";

    private static readonly List<CatalogItem> Catalog =
        [.. Enumerable.Range(0, Groups * Size).Select(i => Item(ItemId(i / Size, i % Size), ["Drama"], ["c" + i.ToString(CultureInfo.InvariantCulture)]))];

    private static readonly List<EngagementEvent> History =
        [.. Enumerable.Range(0, 4).SelectMany(round => Enumerable.Range(0, Groups * 5).Select(u =>
            Event("u" + u.ToString(CultureInfo.InvariantCulture), ItemId(u % Groups, ((u / Groups) + round) % Size), at: T0.AddDays(2 * round).AddMinutes(u))))];

    private static string ItemId(int group, int index) => FormattableString.Invariant($"g{group}-i{index}");

    private static ModelTraining Training(int neighboursPerItem = 5)
    {
        var trainers = new ModelTrainerFactory();
        trainers.Register(BadType, _ => new CrossGroupTrainer());
        return new ModelTraining(trainers, new ReplayOptions(), new PromotionGate(new PromotionGateOptions()), new TrainingSettings(0.25, neighboursPerItem, 1000));
    }

    private static TrainingResult Run(ModelTraining training, string type, ModelVersion? champion, IReadOnlyDictionary<string, string>? parameters = null) =>
        training.Run(
            new TrainingRequest("v-" + type, type, parameters ?? new Dictionary<string, string>(), null, null, "test"),
            History,
            Catalog,
            champion,
            Ms(T0.AddDays(10)),
            CancellationToken.None);

    [Fact]
    public void An_item_model_beats_the_streaming_recommender_alone_and_is_approved_with_its_lineage()
    {
        var result = Run(Training(), ItemKnnTrainer.Type, champion: null, new Dictionary<string, string> { ["shrinkage"] = "2" });

        var version = result.Version;
        Assert.Equal(ModelStatus.Approved, version.Status);
        var evaluation = version.Evaluation!;
        Assert.True(evaluation.NdcgDifference!.Lower > 0, $"{evaluation}");
        Assert.Equal(Groups * 5, evaluation.Candidate.Users);
        Assert.Null(version.Lineage!.ChampionId);
        Assert.Equal("2", version.Lineage.Parameters["shrinkage"]);
        Assert.Equal(History.Count, version.Lineage.Events);
        Assert.Equal(Ms(T0.AddDays(6)), version.Lineage.HoldoutStartMs);

        // The artefact comes from the whole range: one list per item, each within its group, at most 5 long.
        Assert.Equal(Catalog.Count, result.Artefact.Count);
        Assert.All(result.Artefact, list =>
        {
            Assert.InRange(list.Neighbours.Count, 1, 5);
            Assert.All(list.Neighbours, n => Assert.Equal(list.ItemId[..2], n.ItemId[..2]));
        });
    }

    [Fact]
    public void A_bad_model_is_refused_against_a_champion_retrained_on_the_same_slice()
    {
        var training = Training();
        var champion = Run(training, ItemKnnTrainer.Type, champion: null).Version;

        var bad = Run(training, BadType, champion).Version;

        Assert.Equal(ModelStatus.Rejected, bad.Status);
        Assert.Equal(champion.Id, bad.Lineage!.ChampionId);
        Assert.Equal(champion.Evaluation!.Candidate.NdcgAt10, bad.Evaluation!.Champion!.NdcgAt10, 9);
        Assert.StartsWith("NDCG@10 worse than the champion", bad.Gate!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_model_compared_with_itself_passes_and_publishes_no_artefact()
    {
        var result = Run(Training(), ModelTrainerFactory.ConfigModelType, champion: null);

        Assert.Equal(ModelStatus.Approved, result.Version.Status);
        Assert.Equal(0, result.Version.Evaluation!.NdcgDifference!.Mean);
        Assert.Empty(result.Artefact);
        Assert.True(result.Version.Lineage!.Parameters.ContainsKey("hybridWeights"));
    }

    [Fact]
    public void A_config_version_is_scored_with_its_own_settings_and_records_the_whole_set()
    {
        var shortLists = Run(Training(), ModelTrainerFactory.ConfigModelType, champion: null, new Dictionary<string, string> { ["listSize"] = "2" });
        var e = shortLists.Version.Evaluation!;

        Assert.Equal("2", shortLists.Version.Lineage!.Parameters["listSize"]);
        Assert.Equal(ConfigModelSettings.Names, shortLists.Version.Lineage.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.True(e.Candidate.Coverage < e.Champion!.Coverage, $"coverage {e.Candidate.Coverage} of two-item lists against {e.Champion.Coverage}");

        // As the champion, the same version is rebuilt with its two-item lists.
        var against = Run(Training(), ModelTrainerFactory.ConfigModelType, shortLists.Version);
        Assert.Equal(e.Candidate.Coverage, against.Version.Evaluation!.Champion!.Coverage);
        Assert.Equal(e.Champion.Coverage, against.Version.Evaluation.Candidate.Coverage);
    }

    [Fact]
    public void A_range_without_two_held_out_users_fails_with_a_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Training().Run(
            new TrainingRequest("v", ItemKnnTrainer.Type, new Dictionary<string, string>(), null, null, "test"),
            History.Take(3).ToList(),
            Catalog,
            null,
            0,
            CancellationToken.None));

        Assert.Contains("held-out users", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_types_and_malformed_settings_are_refused_before_training()
    {
        var trainers = new ModelTrainerFactory();

        Assert.Throws<ArgumentException>(() => trainers.Create("nope", new Dictionary<string, string>()));
        Assert.Throws<ArgumentException>(() => trainers.Create(EaseTrainer.Type, new Dictionary<string, string> { ["lambda"] = "x" }));
        Assert.Throws<ArgumentException>(() => trainers.Create(EaseTrainer.Type, new Dictionary<string, string> { ["lambda"] = "-1" }));
        Assert.Throws<ArgumentException>(() => trainers.Create(ItemModelEnsemble.Type, new Dictionary<string, string> { ["ease.lambda"] = "-1" }));
        Assert.Throws<ArgumentException>(() => trainers.Create(ItemModelEnsemble.Type, new Dictionary<string, string> { ["item-knn.topK"] = "many" }));
        Assert.Equal(["config", "ease", "ensemble", "item-knn", "item-transitions"], trainers.ModelTypes);
    }

    [Fact]
    public void An_ensemble_chooses_its_members_before_the_cut_beats_the_recommender_alone_and_lists_them_in_its_lineage()
    {
        var result = Run(Training(), ItemModelEnsemble.Type, champion: null);

        var version = result.Version;
        Assert.Equal(ModelStatus.Approved, version.Status);
        Assert.True(version.Evaluation!.NdcgDifference!.Lower > 0, $"{version.Evaluation}");
        var lineage = version.Lineage!.Parameters;
        Assert.Equal("ease+item-knn+item-transitions", lineage["models"]);
        Assert.Contains(lineage["ease.lambda"], new[] { "50", "200", "800" });
        Assert.Contains(lineage["item-knn.shrinkage"], new[] { "0", "10", "100" });
        Assert.Contains(lineage["item-transitions.window"], new[] { "3", "10", "30" });
        Assert.All(ModelTrainerFactory.EnsembleMembers, m => Assert.True(double.Parse(lineage[m + ".validationNdcg"], CultureInfo.InvariantCulture) > 0, m));

        // The members were chosen on a cut inside the training slice, before the gate's held-out events.
        var chosenOn = lineage[EnsembleSelection.ChosenOn];
        var cut = DateTimeOffset.Parse(chosenOn[(chosenOn.IndexOf("cut ", StringComparison.Ordinal) + 4)..chosenOn.IndexOf(',', chosenOn.IndexOf("cut ", StringComparison.Ordinal))], CultureInfo.InvariantCulture);
        Assert.True(Ms(cut) < version.Lineage.HoldoutStartMs, chosenOn);

        // The artefact is the combined model trained on the whole range with the chosen members.
        Assert.Equal(Catalog.Count, result.Artefact.Count);
        Assert.All(result.Artefact, list => Assert.Equal(list.ItemId[..2], list.Neighbours[0].ItemId[..2]));
    }

    [Fact]
    public void An_ensemble_champion_is_retrained_from_its_lineage_and_scored_as_it_was()
    {
        var training = Training();
        var champion = Run(training, ItemModelEnsemble.Type, champion: null).Version;

        var bad = Run(training, BadType, champion).Version;

        Assert.Equal(ModelStatus.Rejected, bad.Status);
        Assert.Equal(champion.Evaluation!.Candidate.NdcgAt10, bad.Evaluation!.Champion!.NdcgAt10, 9);
        Assert.Equal(champion.Evaluation.Candidate.Coverage, bad.Evaluation.Champion.Coverage, 9);
    }

    [Fact]
    public void A_trained_version_is_scored_with_the_serving_settings_it_names_or_chose_and_records_them()
    {
        var unweighted = Run(Training(), ItemKnnTrainer.Type, champion: null, new Dictionary<string, string> { ["trainedNeighbourWeight"] = "0", ["shrinkage"] = "2" });
        var chosen = Run(Training(), ItemKnnTrainer.Type, champion: null, new Dictionary<string, string> { ["shrinkage"] = "2" });

        // Weight 0: the trained neighbours count for nothing, so its lists are the streaming recommender's alone.
        Assert.Equal(0, unweighted.Version.Evaluation!.NdcgDifference!.Mean);
        Assert.Equal("0", unweighted.Version.Lineage!.Parameters["trainedNeighbourWeight"]);
        Assert.False(unweighted.Version.Lineage.Parameters.ContainsKey(ServingSelection.ChosenOn));

        // Named nothing: the job chose every serving setting on its validation cut, before the gate's, and records them.
        Assert.True(chosen.Version.Evaluation!.NdcgDifference!.Lower > 0);
        var lineage = chosen.Version.Lineage!.Parameters;
        Assert.All(BlendSelection.ChosenSettings, name => Assert.True(lineage.ContainsKey(name), name));
        Assert.True(double.Parse(lineage["trainedNeighbourWeight"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(lineage[ServingSelection.ValidationNdcg], CultureInfo.InvariantCulture) > 0);
        var chosenOn = lineage[ServingSelection.ChosenOn];
        var cut = DateTimeOffset.Parse(chosenOn[(chosenOn.IndexOf("cut ", StringComparison.Ordinal) + 4)..chosenOn.IndexOf(',', chosenOn.IndexOf("cut ", StringComparison.Ordinal))], CultureInfo.InvariantCulture);
        Assert.True(Ms(cut) < chosen.Version.Lineage.HoldoutStartMs, chosenOn);

        // As the champion, a version with chosen settings is rebuilt with them, without choosing again.
        var againstChosen = Run(Training(), ModelTrainerFactory.ConfigModelType, chosen.Version);
        Assert.Equal(chosen.Version.Evaluation.Candidate.NdcgAt10, againstChosen.Version.Evaluation!.Champion!.NdcgAt10, 9);

        // As the champion, it is rebuilt with the same settings.
        var against = Run(Training(), ItemKnnTrainer.Type, unweighted.Version);
        Assert.Equal(unweighted.Version.Evaluation.Candidate.NdcgAt10, against.Version.Evaluation!.Champion!.NdcgAt10, 9);
    }

    [Fact]
    public void An_ensemble_member_named_in_the_request_is_taken_as_named()
    {
        var result = Run(Training(), ItemModelEnsemble.Type, champion: null, new Dictionary<string, string> { ["ease.lambda"] = "7", ["topK"] = "20" });

        var lineage = result.Version.Lineage!.Parameters;
        Assert.Equal("7", lineage["ease.lambda"]);
        Assert.Equal("20", lineage["topK"]);
        Assert.False(lineage.ContainsKey("ease.validationNdcg"));
        Assert.True(lineage.ContainsKey("item-knn.validationNdcg"));
    }

    /// <summary>A deliberately bad model: every item's neighbours are the next group's items.</summary>
    private sealed class CrossGroupTrainer : IItemModelTrainer
    {
        public string ModelType => BadType;

        public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

        public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
            new(BadType, Parameters, interactions.Select(e => e.ItemId).Distinct().Select(item =>
            {
                var group = int.Parse(item[1..item.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                return KeyValuePair.Create(item, (IReadOnlyList<ScoredItem>)[.. Enumerable.Range(0, Size).Select(i => new ScoredItem(ItemId((group + 1) % Groups, i), 1))]);
            }));
    }
}
