using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Evaluation;

/// <summary>
/// Chooses the streaming recommender's offline settings on the validation split, by the offline replay of
/// the same domain logic (it agrees with the topology to the third decimal and is much faster). The grid
/// varies how much of the user's history seeds CF and how fast older seeds fade (the i-th most recent seed
/// counts factor^i): the last few items for a next-item question, most of the history for a whole future
/// period. Half-lives stay <see cref="OfflineTuning.MovieLens"/>'s year scale. These are recommender
/// settings, which do not change what is ingested: every candidate reads the one replay of the validation
/// split (<see cref="Replay"/>), in parallel, as the blend's grid does after it.
/// </summary>
internal static class RecoStreamsTuning
{
    public const string System = "RecoStreams";

    private static readonly (double Recency, int Seeds)[] Grid = [(0.3, 50), (0.5, 50), (0.7, 50), (0.9, 50), (0.9, 200), (1.0, 200)];

    /// <summary>The validation split's training part replayed with the MovieLens settings, every item's stats built, ready for parallel reads.</summary>
    public static OfflineReplay Replay(DataSplit validation, IReadOnlyList<CatalogItem> catalog)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var replay = new OfflineReplay(OfflineTuning.MovieLens(), catalog);
        replay.Ingest(validation.Train);
        replay.BuildAllStats();
        return replay;
    }

    /// <param name="validationReplay">The validation split's <see cref="Replay"/>.</param>
    public static (TunedSetting Setting, ReplayOptions Options) Run(
        OfflineReplay validationReplay, ListScorer validationScorer, int k, int listSize, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var scores = new MeanEstimate[Grid.Length];
        Parallel.For(
            0,
            Grid.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            i =>
            {
                var options = Options(Grid[i].Recency, Grid[i].Seeds, listSize);
                var recommender = new Recommender(options.Recommender, options.Affinity, options.UserClasses);
                var lists = ListScorer.ListsFor(validationScorer.Users, u => [.. validationReplay.Recommend(u, recommender).Items.Select(i => i.ItemId)]);
                scores[i] = MeanEstimate.Of(validationScorer.Score(System, lists, k).Ndcg);
            });

        // The first of the best in grid order, so ties resolve the same way on every run.
        var best = Enumerable.Range(0, Grid.Length).MaxBy(i => (scores[i].Mean, -i));
        var (recency, seeds) = Grid[best];
        var setting = new TunedSetting(
            System,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["cfRecencyFactor"] = recency.ToString(CultureInfo.InvariantCulture),
                ["cfSeedItems"] = seeds.ToString(CultureInfo.InvariantCulture),
            },
            k,
            scores[best].Mean,
            scores[best].StandardError,
            Grid.Length);
        progress.WriteLine(FormattableString.Invariant($"  {System}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        return (setting, Options(recency, seeds, listSize));
    }

    private static ReplayOptions Options(double recency, int seeds, int listSize)
    {
        var options = OfflineTuning.MovieLens();
        options.Recommender.CfRecencyFactor = recency;
        options.Recommender.CfSeedItems = seeds;
        options.Recommender.ListSize = listSize;
        return options;
    }
}
