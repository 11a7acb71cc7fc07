using System.Globalization;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>A trained model the blend may serve, by the name a report gives it.</summary>
public sealed record BlendModel(string Name, ItemNeighbourModel Model);

/// <summary>
/// The blend chosen on validation: its model (null: the recommender alone), the recommender settings its lists
/// are built with, those settings as a version records them (<see cref="ConfigModelSettings"/> names), its
/// validation NDCG, the points tried and the best few of them (described, for progress output).
/// </summary>
public sealed record BlendChoice(
    BlendModel? Model,
    RecommenderOptions Recommender,
    IReadOnlyDictionary<string, string> ServingSettings,
    MeanEstimate ValidationNdcg,
    int Tried,
    IReadOnlyList<string> Leaders);

/// <summary>
/// Chooses how a trained model is blended into the streaming recommender, on a validation split only: the model
/// (among those offered, each already trained on the validation training part), its weight
/// (<see cref="RecommenderOptions.TrainedNeighbourWeight"/>), per-seed or whole-list scaling, how fast older
/// seeds' trained neighbours fade, the co-visitation seeds' fading, whether fading steps per seed or per distinct time,
/// MMR on or off, and whether item-kNN leads the source blend. Staged, each stage from the best point so far (a full
/// grid costs a list per user per point). Shared by the evaluate command's <c>RecoStreams+model</c> and the training
/// jobs, so a trained version records and serves the settings evaluate would have chosen on the same validation split.
/// </summary>
public static class BlendSelection
{
    /// <summary>The settings a blend chooses, as a version records them; what a version names beyond its trainer's.</summary>
    public static readonly IReadOnlyList<string> ChosenSettings =
    [
        "trainedNeighbourWeight", "trainedRecencyFactor", "trainedScaling", "cfRecencyFactor",
        "mmrLambda", "powerMmrLambda", "hybridWeights", "powerWeights", "seedFading",
    ];

    /// <summary>
    /// Per-member weights of an ensemble tried, by member model type: all equal, without ItemKNN, next-item-led,
    /// whole-history-led.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyDictionary<string, double>> EnsembleWeights =
    [
        Members(itemKnn: 1, ease: 1, transitions: 1),
        Members(itemKnn: 0, ease: 1, transitions: 1),
        Members(itemKnn: 0.5, ease: 1, transitions: 2),
        Members(itemKnn: 0.5, ease: 2, transitions: 1),
    ];

    // Below 0.1 the trained neighbours mostly reorder what co-visitation found; above 1 they lead.
    private static readonly double[] Weights = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4];

    // With the trained score kept apart and scaled to the list's best, the weight mixes two scores of the same scale.
    private static readonly double[] WholeListWeights = [0.25, 0.5, 1, 2, 4, 8];

    private static readonly double?[] TrainedRecency = [0.3, 0.6, 0.8, 1.0];

    // The co-visitation seeds' fading, chosen again with the trained source beside it (the replay does not depend on it).
    private static readonly double[] CfRecency = [0.3, 0.5, 0.7, 0.9];

    // Item-kNN-led blend of the sources for casual, active and power users: with a trained model, CF carries most of what is known.
    private static readonly BlendWeights CfLed = new(0.9, 0.07, 0.03);

    private sealed record Point(
        int Model, double Weight, double? TrainedRecency, double? Mmr, bool CfLed = false, double? CfRecency = null, bool WholeList = false, SeedFading? Fading = null);

    /// <param name="models">The models offered, trained on the validation training part.</param>
    /// <param name="allowNone">Whether the recommender alone (no model) is a choice too.</param>
    /// <param name="recommender">The recommender's settings before the blend (the deployment's, or tuned).</param>
    /// <param name="ndcgPerUser">
    /// The validation users' NDCG of the lists built with a model and each of several settings (one per user per setting,
    /// in the settings' order): a stage's points with the same model come in one call, so the scorer can build each
    /// user's candidates once for all of them (<see cref="Recommending.BlendSweep"/>).
    /// </param>
    public static BlendChoice Choose(
        IReadOnlyList<BlendModel> models,
        bool allowNone,
        RecommenderOptions recommender,
        Func<ItemNeighbourModel?, IReadOnlyList<RecommenderOptions>, IReadOnlyList<IReadOnlyList<double>>> ndcgPerUser,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(ndcgPerUser);
        if (models.Count == 0 && !allowNone)
        {
            throw new ArgumentException("A blend needs a model to choose, or the recommender alone allowed.", nameof(models));
        }

        var tried = new List<(Point Point, MeanEstimate Score)>();
        Point Stage(Point[] points)
        {
            var fresh = points.Where(p => tried.All(t => t.Point != p)).Distinct().ToArray();
            var scores = new Dictionary<Point, MeanEstimate>();
            foreach (var sameModel in fresh.GroupBy(p => p.Model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var group = sameModel.ToArray();
                var ndcg = ndcgPerUser(sameModel.Key < 0 ? null : models[sameModel.Key].Model, [.. group.Select(p => With(recommender, p))]);
                foreach (var (point, perUser) in group.Zip(ndcg))
                {
                    scores[point] = MeanEstimate.Of(perUser);
                }
            }

            // In the stage's order, so the leaders' ties list the same way on every run.
            tried.AddRange(fresh.Select(p => (p, scores[p])));

            // The first of the best in the stage's order, so ties resolve the same way on every run.
            return points.Select((p, i) => (p, i, tried.First(t => t.Point == p).Score.Mean)).MaxBy(x => (x.Mean, -x.i)).p;
        }

        var indices = Enumerable.Range(0, models.Count).ToArray();
        Point[] first =
        [
            .. allowNone ? [new Point(-1, 0, null, null)] : Array.Empty<Point>(),
            .. from model in indices from weight in Weights select new Point(model, weight, null, null),
            .. from model in indices from weight in WholeListWeights select new Point(model, weight, null, null, WholeList: true),
        ];
        var best = Stage(first);
        if (best.Model >= 0)
        {
            best = Stage([best, .. TrainedRecency.Select(r => best with { TrainedRecency = r })]);
            best = Stage([best, .. (best.WholeList ? WholeListWeights : Weights).Select(w => best with { Weight = w })]);
        }

        best = Stage([best, .. CfRecency.Where(r => r != recommender.CfRecencyFactor).Select(r => best with { CfRecency = r })]);
        best = Stage([best, best with { Fading = recommender.SeedFading == SeedFading.PerSeed ? SeedFading.PerDistinctTime : SeedFading.PerSeed }]);
        best = Stage([best, best with { Mmr = 1.0 }]);
        best = Stage([best, best with { CfLed = true }]);

        var chosen = best;
        var options = With(recommender, chosen);
        var described = ConfigModelSettings.Describe(options);
        return new BlendChoice(
            chosen.Model < 0 ? null : models[chosen.Model],
            options,
            ChosenSettings.ToDictionary(name => name, name => described[name], StringComparer.Ordinal),
            tried.First(t => t.Point == chosen).Score,
            tried.Count,
            [.. tried.OrderByDescending(t => t.Score.Mean).Take(8).Select(t => FormattableString.Invariant($"{Describe(t.Point, models)}: {t.Score.Mean:F4}"))]);
    }

    /// <summary>An ensemble's name with its member weights, e.g. "ensemble(ease 1, item-knn 0, item-transitions 1)"; "ensemble" when all are 1.</summary>
    public static string EnsembleName(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.Values.All(w => w == 1)
            ? ItemModelEnsemble.Type
            : ItemModelEnsemble.Type + "(" + string.Join(", ", weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => FormattableString.Invariant($"{w.Key} {w.Value}"))) + ")";
    }

    private static Dictionary<string, double> Members(double itemKnn, double ease, double transitions) =>
        new(StringComparer.Ordinal) { [ItemKnnTrainer.Type] = itemKnn, [EaseTrainer.Type] = ease, [ItemTransitionTrainer.Type] = transitions };

    private static RecommenderOptions With(RecommenderOptions options, Point point)
    {
        var recommender = options.Copy();
        recommender.TrainedNeighbourWeight = point.Weight;
        recommender.TrainedRecencyFactor = point.TrainedRecency;
        recommender.CfRecencyFactor = point.CfRecency ?? recommender.CfRecencyFactor;
        recommender.TrainedScaling = point.WholeList ? TrainedScaling.WholeList : TrainedScaling.PerSeed;
        recommender.SeedFading = point.Fading ?? recommender.SeedFading;
        if (point.Mmr is { } lambda)
        {
            (recommender.MmrLambda, recommender.PowerMmrLambda) = (lambda, lambda);
        }

        if (point.CfLed)
        {
            (recommender.HybridWeights, recommender.PowerWeights) = (CfLed, CfLed);
        }

        return recommender;
    }

    private static string Describe(Point p, IReadOnlyList<BlendModel> models) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"model={(p.Model < 0 ? "none" : models[p.Model].Name)} weight={p.Weight} trainedRecency={p.TrainedRecency?.ToString(CultureInfo.InvariantCulture) ?? "cf"} cfRecency={p.CfRecency?.ToString(CultureInfo.InvariantCulture) ?? "tuned"} wholeList={p.WholeList} fading={p.Fading?.ToString() ?? "tuned"} mmr={p.Mmr?.ToString(CultureInfo.InvariantCulture) ?? "default"} cfLed={p.CfLed}");
}
