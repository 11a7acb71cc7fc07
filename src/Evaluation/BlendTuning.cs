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
/// Chosen on the validation split, from one replay of it (every grid point only builds lists from the same
/// state): the model (each strong baseline, or the three as one <see cref="ItemModelEnsemble"/> artefact),
/// its weight (0 = the recommender alone), how fast older seeds' trained neighbours fade, whether MMR
/// diversifies, and whether item-kNN leads the blend of sources. The models are the baselines' validation-trained ones; the chosen blend's lists are then
/// built with the same model trained on the full training part.
/// </summary>
internal static class BlendTuning
{
    /// <summary>What a model version publishes per item (the training jobs' default).</summary>
    public const int NeighboursPerItem = 50;


    // Below 0.1 the trained neighbours mostly reorder what co-visitation found; above 1 they lead.
    private static readonly double[] Weights = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4];

    private static readonly double?[] TrainedRecency = [0.3, 0.6, 0.8, 1.0];

    // The co-visitation seeds' fading, chosen again with the trained source beside it (the replay does not depend on it).
    private static readonly double?[] CfRecency = [0.3, 0.5, 0.7, 0.9];

    // Per-model weights of the ensemble artefact, in the baselines' order (ItemKNN, EASE, ItemTransitions):
    // all equal, without ItemKNN, next-item-led, whole-history-led.
    private static readonly double[][] EnsembleWeights = [[1, 1, 1], [0, 1, 1], [0.5, 1, 2], [0.5, 2, 1]];

    // Item-kNN-led blend of the sources for casual, active and power users: with a trained model, CF carries most of what is known.
    private static readonly BlendWeights CfLed = new(0.9, 0.07, 0.03);

    // With the trained score kept apart and scaled to the list's best, the weight mixes two scores of the same scale.
    private static readonly double[] WholeListWeights = [0.25, 0.5, 1, 2, 4, 8];

    private sealed record Point(
        int Model, double Weight, double? TrainedRecency, double? Mmr, bool CfLed = false, double? CfRecency = null, bool WholeList = false);

    /// <summary>A model the blend can serve: a baseline's, or an ensemble of the three with per-model weights.</summary>
    private sealed record ModelChoice(string Name, Func<IReadOnlyList<ItemNeighbourModel>, ItemNeighbourModel> Build);

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
        var choices = Choices(baselines);
        var validationBaselines = baselines.Select(b => b.ValidationModel).ToList();
        var validationModels = choices.Select(c => c.Build(validationBaselines)).ToList();
        var tried = new List<(Point Point, MeanEstimate Score)>();
        MeanEstimate ScoreOf(Point point)
        {
            var model = point.Model < 0 ? null : validationModels[point.Model];
            var lists = Lists(replay, With(recoOptions, point), model, validation, validationScorer.Users);
            return MeanEstimate.Of(validationScorer.Score(EvaluationRunner.OfflineWithModel, lists, k).Ndcg);
        }

        // Staged, each stage from the best point so far (a full grid costs a list per user per point): the model
        // and its weight, then how fast older seeds' trained neighbours fade, the weight again at that fading,
        // the co-visitation seeds' fading, then MMR, then a CF-led source blend.
        var models = Enumerable.Range(0, validationModels.Count).ToArray();
        var best = Stage([
            new Point(-1, 0, null, null),
            .. from model in models from weight in Weights select new Point(model, weight, null, null),
            .. from model in models from weight in WholeListWeights select new Point(model, weight, null, null, WholeList: true)]);
        if (best.Model >= 0)
        {
            best = Stage([best, .. TrainedRecency.Select(r => best with { TrainedRecency = r })]);
            best = Stage([best, .. (best.WholeList ? WholeListWeights : Weights).Select(w => best with { Weight = w })]);
        }

        var tunedCfRecency = recoOptions.Recommender.CfRecencyFactor;
        best = Stage([best, .. CfRecency.Where(r => r != tunedCfRecency).Select(r => best with { CfRecency = r })]);
        best = Stage([best, best with { Mmr = 1.0 }]);
        best = Stage([best, best with { CfLed = true }]);

        Point Stage(Point[] points)
        {
            var fresh = points.Where(p => tried.All(t => t.Point != p)).Distinct().ToArray();
            var scores = new MeanEstimate[fresh.Length];
            Parallel.For(
                0,
                fresh.Length,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                i => scores[i] = ScoreOf(fresh[i]));
            tried.AddRange(fresh.Zip(scores));

            // The first of the best in the stage's order, so ties resolve the same way on every run.
            return points.Select((p, i) => (p, i, tried.First(t => t.Point == p).Score.Mean)).MaxBy(x => (x.Mean, -x.i)).p;
        }

        foreach (var (point, score) in tried.OrderByDescending(t => t.Score.Mean).Take(8))
        {
            progress.WriteLine(FormattableString.Invariant($"    {Describe(point, choices)}: {score.Mean:F4}"));
        }

        var chosen = best;
        var chosenScore = tried.First(t => t.Point == chosen).Score;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = chosen.Model < 0 ? "none" : choices[chosen.Model].Name,
            ["trainedNeighbourWeight"] = Invariant(chosen.Weight),
            ["trainedRecencyFactor"] = chosen.TrainedRecency is { } r ? Invariant(r) : "cfRecencyFactor",
            ["cfRecencyFactor"] = Invariant(chosen.CfRecency ?? recoOptions.Recommender.CfRecencyFactor),
            ["trainedScaling"] = (chosen.WholeList ? TrainedScaling.WholeList : TrainedScaling.PerSeed).ToString(),
            ["mmrLambda"] = chosen.Mmr is { } m ? Invariant(m) : "default",
            ["sourceWeights"] = chosen.CfLed ? "cf-led" : "default",
            ["neighboursPerItem"] = Invariant(NeighboursPerItem),
        };
        var setting = new TunedSetting(EvaluationRunner.OfflineWithModel, parameters, k, chosenScore.Mean, chosenScore.StandardError, tried.Count);
        progress.WriteLine(FormattableString.Invariant($"  {EvaluationRunner.OfflineWithModel}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        var trainModel = chosen.Model < 0 ? null : choices[chosen.Model].Build([.. baselines.Select(b => b.TrainModel)]);
        return new TunedBlend(setting, With(recoOptions, chosen), trainModel);
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

    private static List<ModelChoice> Choices(IReadOnlyList<TunedBaseline> baselines)
    {
        var choices = baselines.Select((b, i) => new ModelChoice(b.Setting.System, models => models[i])).ToList();
        foreach (var weights in EnsembleWeights)
        {
            var name = weights.All(w => w == 1) ? ItemModelEnsemble.Type
                : FormattableString.Invariant($"{ItemModelEnsemble.Type}({string.Join('+', weights)})");
            choices.Add(new ModelChoice(name, models => ItemModelEnsemble.Combine(models, ItemModelEnsembleTrainer.DefaultTopK, weights.All(w => w == 1) ? null : weights)));
        }

        return choices;
    }

    private static string Describe(Point p, List<ModelChoice> choices) =>
        FormattableString.Invariant($"model={(p.Model < 0 ? "none" : choices[p.Model].Name)} weight={p.Weight} trainedRecency={p.TrainedRecency?.ToString(CultureInfo.InvariantCulture) ?? "cf"} cfRecency={p.CfRecency?.ToString(CultureInfo.InvariantCulture) ?? "tuned"} wholeList={p.WholeList} mmr={p.Mmr?.ToString(CultureInfo.InvariantCulture) ?? "default"} cfLed={p.CfLed}");

    private static ReplayOptions With(ReplayOptions options, Point point)
    {
        var recommender = options.Recommender.Copy();
        recommender.TrainedNeighbourWeight = point.Weight;
        recommender.TrainedRecencyFactor = point.TrainedRecency;
        recommender.CfRecencyFactor = point.CfRecency ?? recommender.CfRecencyFactor;
        recommender.TrainedScaling = point.WholeList ? TrainedScaling.WholeList : TrainedScaling.PerSeed;
        if (point.Mmr is { } lambda)
        {
            (recommender.MmrLambda, recommender.PowerMmrLambda) = (lambda, lambda);
        }

        if (point.CfLed)
        {
            (recommender.HybridWeights, recommender.PowerWeights) = (CfLed, CfLed);
        }

        return new ReplayOptions
        {
            Affinity = options.Affinity,
            CoVisitation = options.CoVisitation,
            Popularity = options.Popularity,
            Recommender = recommender,
            UserClasses = options.UserClasses,
            Validation = options.Validation,
        };
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
