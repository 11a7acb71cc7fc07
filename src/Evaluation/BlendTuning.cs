using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Evaluation;

/// <summary>The blend chosen on validation: its setting, the recommender options and the model trained on the full training part.</summary>
internal sealed record TunedBlend(TunedSetting Setting, ReplayOptions Options, ItemNeighbourModel? Model);

/// <summary>
/// The streaming recommender with a trained model blended in, as the topology serves an activated model:
/// the model's published neighbours (top <see cref="NeighboursPerItem"/> per item) as one more item-kNN
/// candidate source, weighted by <see cref="Processors.Options.RecommenderOptions.TrainedNeighbourWeight"/>.
/// Chosen on the validation split by <see cref="BlendSelection"/> (the training jobs' choice too), from one replay of
/// it (every grid point only builds lists from the same state), among each strong baseline's validation-trained model
/// and the three as one <see cref="ItemModelEnsemble"/> artefact, the recommender alone included; the chosen blend's
/// lists are then built with the same model trained on the full training part.
/// </summary>
internal static class BlendTuning
{
    /// <summary>What a model version publishes per item (the training jobs' default).</summary>
    public const int NeighboursPerItem = 50;

    /// <param name="replay">The validation split replayed, every item's stats built (<see cref="RecoStreamsTuning.Replay"/>).</param>
    public static TunedBlend Run(
        IReadOnlyList<TunedBaseline> baselines,
        ReplayOptions recoOptions,
        DataSplit validation,
        OfflineReplay replay,
        ListScorer validationScorer,
        int k,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var validationModels = Choices(baselines, [.. baselines.Select(b => b.ValidationModel)]);
        var choice = BlendSelection.Choose(
            validationModels,
            allowNone: true,
            recoOptions.Recommender,
            (model, recommenders) => Ndcg(replay, recoOptions, model, recommenders, validation, validationScorer, k, cancellationToken),
            cancellationToken);
        foreach (var leader in choice.Leaders)
        {
            progress.WriteLine("    " + leader);
        }

        var parameters = new Dictionary<string, string>(choice.ServingSettings, StringComparer.Ordinal)
        {
            ["model"] = choice.Model?.Name ?? "none",
            ["neighboursPerItem"] = NeighboursPerItem.ToString(CultureInfo.InvariantCulture),
        };
        var setting = new TunedSetting(
            EvaluationRunner.OfflineWithModel, parameters, k, choice.ValidationNdcg.Mean, choice.ValidationNdcg.StandardError, choice.Tried);
        progress.WriteLine(FormattableString.Invariant($"  {EvaluationRunner.OfflineWithModel}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        var blend = new TunedBlend(setting, With(recoOptions, choice.Recommender), null);
        return blend with { Model = ModelFor(blend, baselines, [.. baselines.Select(b => b.TrainModel)]) };
    }

    /// <summary>
    /// The chosen blend's model built from the baselines' models trained on some training part (null: the recommender
    /// alone). Only the chosen one is built: an ensemble costs a pass over every item of its members.
    /// </summary>
    public static ItemNeighbourModel? ModelFor(TunedBlend blend, IReadOnlyList<TunedBaseline> baselines, IReadOnlyList<ItemNeighbourModel> models)
    {
        var name = blend.Setting.Parameters["model"];
        if (name == "none")
        {
            return null;
        }

        var baseline = baselines.Select((b, i) => (b.Setting.System, Index: i)).SingleOrDefault(b => b.System == name);
        return baseline.System is not null
            ? models[baseline.Index]
            : Ensemble(models, BlendSelection.EnsembleWeights.Single(weights => BlendSelection.EnsembleName(weights) == name));
    }

    /// <summary>Each user's list from the replayed state with <paramref name="model"/> blended in, at the user's last training event.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Lists(
        OfflineReplay replay, ReplayOptions options, ItemNeighbourModel? model, DataSplit split, IReadOnlyList<string> users)
    {
        var recommender = new Recommender(options.Recommender, options.Affinity, options.UserClasses);
        var inputs = new ModelBlendInputs(replay, model, NeighboursPerItem);
        var lastEventMs = split.Train.Count == 0 ? 0 : split.Train.Max(e => e.OccurredAtMs);
        return ListScorer.ListsFor(users, user =>
        {
            var profile = replay.FindProfile(user);
            return [.. recommender.Recommend(user, profile, inputs, profile?.LastEngagementMs ?? lastEventMs).Items.Select(i => i.ItemId)];
        });
    }

    /// <summary>
    /// Each validation user's NDCG@<paramref name="k"/> with <paramref name="model"/> blended in, for each of
    /// <paramref name="recommenders"/>: the lists <see cref="Lists"/> builds, each user's candidates built once for all
    /// the settings (<see cref="BlendSweep"/>), users in parallel.
    /// </summary>
    private static double[][] Ndcg(
        OfflineReplay replay,
        ReplayOptions options,
        ItemNeighbourModel? model,
        IReadOnlyList<RecommenderOptions> recommenders,
        DataSplit split,
        ListScorer scorer,
        int k,
        CancellationToken cancellationToken)
    {
        var sweep = new BlendSweep(recommenders, options.Affinity, options.UserClasses);
        var inputs = new ModelBlendInputs(replay, model, NeighboursPerItem);
        var lastEventMs = split.Train.Count == 0 ? 0 : split.Train.Max(e => e.OccurredAtMs);
        var users = scorer.Users;
        var ndcg = recommenders.Select(_ => new double[users.Count]).ToArray();
        sweep.ListsInParallel(
            users,
            replay.FindProfile,
            inputs,
            lastEventMs,
            (u, lists) =>
            {
                for (var s = 0; s < lists.Length; s++)
                {
                    ndcg[s][u] = scorer.Ndcg(u, lists[s], k);
                }
            },
            cancellationToken);
        return ndcg;
    }

    /// <summary>The models a blend may serve: each strong baseline's, and the three as one ensemble artefact with each weighting tried.</summary>
    private static List<BlendModel> Choices(IReadOnlyList<TunedBaseline> baselines, IReadOnlyList<ItemNeighbourModel> models)
    {
        var choices = baselines.Select((b, i) => new BlendModel(b.Setting.System, models[i])).ToList();
        choices.AddRange(BlendSelection.EnsembleWeights.Select(weights => new BlendModel(BlendSelection.EnsembleName(weights), Ensemble(models, weights))));
        return choices;
    }

    private static ItemNeighbourModel Ensemble(IReadOnlyList<ItemNeighbourModel> models, IReadOnlyDictionary<string, double> weights) =>
        ItemModelEnsemble.Combine(models, ItemModelEnsembleTrainer.DefaultTopK, [.. models.Select(m => weights[m.ModelType])]);

    private static ReplayOptions With(ReplayOptions options, RecommenderOptions recommender) => new()
    {
        Affinity = options.Affinity,
        CoVisitation = options.CoVisitation,
        Popularity = options.Popularity,
        Recommender = recommender,
        UserClasses = options.UserClasses,
        Validation = options.Validation,
    };
}
