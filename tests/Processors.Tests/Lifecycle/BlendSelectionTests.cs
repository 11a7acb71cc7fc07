using System.Collections.Concurrent;
using System.Globalization;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>The blend's staged choice, with scores that are a known function of the settings.</summary>
public sealed class BlendSelectionTests
{
    private static readonly ItemNeighbourModel Weak = new("weak", new Dictionary<string, string>(), []);
    private static readonly ItemNeighbourModel Strong = new("strong", new Dictionary<string, string>(), []);

    private static readonly BlendModel[] Models = [new("weak", Weak), new("strong", Strong)];

    /// <summary>Two users with the same value: the strong model best per seed at weight 0.5 with trained recency 0.6 and MMR off.</summary>
    private static IReadOnlyList<double> Score(ItemNeighbourModel? model, RecommenderOptions o)
    {
        var value = model is null ? 0.1
            : (model == Strong ? 0.5 : 0.3) - Math.Abs(o.TrainedNeighbourWeight - 0.5)
                - (o.TrainedScaling == TrainedScaling.WholeList ? 0.2 : 0)
                - (o.TrainedRecencyFactor is 0.6 ? 0 : 0.01)
                - (o.MmrLambda == 1 ? 0 : 0.001);
        return [value, value];
    }

    /// <summary>A scorer of a model's settings that scores each setting alone.</summary>
    private static Func<ItemNeighbourModel?, IReadOnlyList<RecommenderOptions>, IReadOnlyList<IReadOnlyList<double>>> EachAlone(
        Func<ItemNeighbourModel?, RecommenderOptions, IReadOnlyList<double>> score) =>
        (model, settings) => [.. settings.Select(o => score(model, o))];

    [Fact]
    public void Each_stage_keeps_the_best_point_and_the_chosen_settings_are_what_a_version_records()
    {
        var deployment = new RecommenderOptions();

        var choice = BlendSelection.Choose(Models, allowNone: true, deployment, EachAlone(Score), CancellationToken.None);

        Assert.Same(Strong, choice.Model!.Model);
        Assert.Equal(0.5, choice.Recommender.TrainedNeighbourWeight);
        Assert.Equal(0.6, choice.Recommender.TrainedRecencyFactor);
        Assert.Equal(TrainedScaling.PerSeed, choice.Recommender.TrainedScaling);
        Assert.Equal(1, choice.Recommender.MmrLambda);
        Assert.Equal(0.5, choice.ValidationNdcg.Mean, 12);
        Assert.Equal(BlendSelection.ChosenSettings.Order(StringComparer.Ordinal), choice.ServingSettings.Keys.Order(StringComparer.Ordinal));

        // The recorded settings rebuild the chosen options on the deployment's.
        var rebuilt = ConfigModelSettings.Apply(deployment, choice.ServingSettings);
        Assert.Equal(ConfigModelSettings.Describe(choice.Recommender), ConfigModelSettings.Describe(rebuilt));
        Assert.Equal(1.0, deployment.TrainedNeighbourWeight);
    }

    [Fact]
    public void The_recommender_alone_wins_when_every_model_hurts_and_is_never_tried_when_not_allowed()
    {
        static IReadOnlyList<double> ModelsHurt(ItemNeighbourModel? model, RecommenderOptions o) => model is null ? [0.4, 0.4] : [0.1, 0.2];

        Assert.Null(BlendSelection.Choose(Models, allowNone: true, new RecommenderOptions(), EachAlone(ModelsHurt), CancellationToken.None).Model);

        var scored = new ConcurrentBag<ItemNeighbourModel?>();
        var forced = BlendSelection.Choose(
            Models, allowNone: false, new RecommenderOptions(), EachAlone((m, o) => { scored.Add(m); return ModelsHurt(m, o); }), CancellationToken.None);
        Assert.NotNull(forced.Model);
        Assert.DoesNotContain(null, scored);
    }

    [Fact]
    public void Ties_go_to_the_first_point_in_the_grid_on_every_run()
    {
        var first = BlendSelection.Choose(Models, allowNone: false, new RecommenderOptions(), EachAlone((_, _) => [0.2, 0.3]), CancellationToken.None);
        var again = BlendSelection.Choose(Models, allowNone: false, new RecommenderOptions(), EachAlone((_, _) => [0.2, 0.3]), CancellationToken.None);

        Assert.Same(Weak, first.Model!.Model);
        Assert.Equal(first.ServingSettings, again.ServingSettings);
        Assert.Equal(0.025.ToString(CultureInfo.InvariantCulture), first.ServingSettings["trainedNeighbourWeight"]);
    }

    [Fact]
    public void Ensemble_names_carry_their_weights_unless_all_are_one()
    {
        Assert.Equal(ItemModelEnsemble.Type, BlendSelection.EnsembleName(BlendSelection.EnsembleWeights[0]));
        Assert.Equal("ensemble(ease 1, item-knn 0, item-transitions 1)", BlendSelection.EnsembleName(BlendSelection.EnsembleWeights[1]));
        Assert.Equal(BlendSelection.EnsembleWeights.Count, BlendSelection.EnsembleWeights.Select(BlendSelection.EnsembleName).Distinct().Count());
    }
}
