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

    private const int EnsembleTopK = 100;

    private static readonly double[] Weights = [0.1, 0.25, 0.5, 1, 2, 4];

    private static readonly double?[] TrainedRecency = [0.3, 0.6, 1.0];

    // Item-kNN-led blend of the sources for casual, active and power users: with a trained model, CF carries most of what is known.
    private static readonly BlendWeights CfLed = new(0.9, 0.07, 0.03);

    private sealed record Point(int Model, double Weight, double? TrainedRecency, double? Mmr, bool CfLed = false);

    public static TunedBlend Run(
        IReadOnlyList<TunedBaseline> baselines,
        ReplayOptions recoOptions,
        DataSplit validation,
        IReadOnlyList<CatalogItem> catalog,
        ListScorer validationScorer,
        int k,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var replay = new OfflineReplay(recoOptions, catalog);
        replay.Ingest(validation.Train);

        // Builds every item's stats once, so the grid's parallel reads of the replay change nothing.
        foreach (var item in catalog)
        {
            replay.FindStats(item.ItemId);
        }

        var names = baselines.Select(b => b.Setting.System).Append(ItemModelEnsemble.Type).ToArray();
        var validationModels = baselines.Select(b => b.ValidationModel).ToList();
        validationModels.Add(ItemModelEnsemble.Combine([.. baselines.Select(b => b.ValidationModel)], EnsembleTopK));
        var tried = new List<(Point Point, MeanEstimate Score)>();
        MeanEstimate ScoreOf(Point point)
        {
            var model = point.Model < 0 ? null : validationModels[point.Model];
            var lists = Lists(replay, With(recoOptions, point), model, validation, validationScorer.Users);
            return MeanEstimate.Of(validationScorer.Score(EvaluationRunner.OfflineWithModel, lists, k).Ndcg);
        }

        // Staged, each stage from the best point so far (a full grid costs a list per user per point): the model
        // and its weight, then how fast older seeds' trained neighbours fade, then MMR, then a CF-led source blend.
        var best = Stage([new Point(-1, 0, null, null), .. from model in Enumerable.Range(0, validationModels.Count) from weight in Weights select new Point(model, weight, null, null)]);
        if (best.Model >= 0)
        {
            best = Stage([best, .. TrainedRecency.Select(r => best with { TrainedRecency = r })]);
        }

        best = Stage([best, best with { Mmr = 1.0 }]);
        best = Stage([best, best with { CfLed = true }]);

        Point Stage(Point[] points)
        {
            var fresh = points.Where(p => tried.All(t => t.Point != p)).ToArray();
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
            progress.WriteLine(FormattableString.Invariant($"    {Describe(point, names)}: {score.Mean:F4}"));
        }

        var chosen = best;
        var chosenScore = tried.First(t => t.Point == chosen).Score;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = chosen.Model < 0 ? "none" : names[chosen.Model],
            ["trainedNeighbourWeight"] = Invariant(chosen.Weight),
            ["trainedRecencyFactor"] = chosen.TrainedRecency is { } r ? Invariant(r) : "cfRecencyFactor",
            ["mmrLambda"] = chosen.Mmr is { } m ? Invariant(m) : "default",
            ["sourceWeights"] = chosen.CfLed ? "cf-led" : "default",
            ["neighboursPerItem"] = Invariant(NeighboursPerItem),
        };
        var setting = new TunedSetting(EvaluationRunner.OfflineWithModel, parameters, k, chosenScore.Mean, chosenScore.StandardError, tried.Count);
        progress.WriteLine(FormattableString.Invariant($"  {EvaluationRunner.OfflineWithModel}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        var trainModel = chosen.Model < 0 ? null
            : chosen.Model < baselines.Count ? baselines[chosen.Model].TrainModel
            : ItemModelEnsemble.Combine([.. baselines.Select(b => b.TrainModel)], EnsembleTopK);
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

    private static string Describe(Point p, string[] names) =>
        FormattableString.Invariant($"model={(p.Model < 0 ? "none" : names[p.Model])} weight={p.Weight} trainedRecency={p.TrainedRecency?.ToString(CultureInfo.InvariantCulture) ?? "cf"} mmr={p.Mmr?.ToString(CultureInfo.InvariantCulture) ?? "default"} cfLed={p.CfLed}");

    private static ReplayOptions With(ReplayOptions options, Point point)
    {
        var recommender = options.Recommender.Copy();
        recommender.TrainedNeighbourWeight = point.Weight;
        recommender.TrainedRecencyFactor = point.TrainedRecency;
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
