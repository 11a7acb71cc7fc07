using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Evaluation;

/// <summary>
/// The streaming recommender with a trained model blended in, as the topology serves an activated model:
/// the model's published neighbours (top <see cref="NeighboursPerItem"/> per item) as one more item-kNN
/// candidate source, weighted by <see cref="Processors.Options.RecommenderOptions.TrainedNeighbourWeight"/>.
/// The model is the baseline that scored best on validation; the weight is chosen on the validation split
/// with that baseline's validation-trained model, then the lists are built with its full-training model.
/// </summary>
internal static class BlendTuning
{
    /// <summary>What a model version publishes per item (the training jobs' default).</summary>
    public const int NeighboursPerItem = 50;

    private static readonly double[] Weights = [0.5, 1, 2, 4, 8];

    public static (TunedSetting Setting, ReplayOptions Options) Run(
        TunedBaseline model,
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
        var scores = new MeanEstimate[Weights.Length];
        for (var i = 0; i < Weights.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lists = Lists(replay, WithWeight(recoOptions, Weights[i]), model.ValidationModel, validation, validationScorer.Users);
            scores[i] = MeanEstimate.Of(validationScorer.Score(EvaluationRunner.OfflineWithModel, lists, k).Ndcg);
        }

        // The first of the best in grid order, so ties resolve the same way on every run.
        var best = Enumerable.Range(0, Weights.Length).MaxBy(i => (scores[i].Mean, -i));
        var setting = new TunedSetting(
            EvaluationRunner.OfflineWithModel,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["model"] = model.Setting.System,
                ["trainedNeighbourWeight"] = Weights[best].ToString(CultureInfo.InvariantCulture),
                ["neighboursPerItem"] = NeighboursPerItem.ToString(CultureInfo.InvariantCulture),
            },
            k,
            scores[best].Mean,
            scores[best].StandardError,
            Weights.Length);
        progress.WriteLine(FormattableString.Invariant($"  {EvaluationRunner.OfflineWithModel}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        return (setting, WithWeight(recoOptions, Weights[best]));
    }

    /// <summary>Each user's list from the replayed state with <paramref name="model"/> blended in, at the user's last training event.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Lists(
        OfflineReplay replay, ReplayOptions options, ItemNeighbourModel model, DataSplit split, IReadOnlyList<string> users)
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

    private static ReplayOptions WithWeight(ReplayOptions options, double weight)
    {
        var recommender = options.Recommender.Copy();
        recommender.TrainedNeighbourWeight = weight;
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
}
