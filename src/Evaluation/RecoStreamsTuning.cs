using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation;

/// <summary>
/// Chooses the streaming recommender's offline settings on the validation split, by the offline replay of
/// the same domain logic (it agrees with the topology to the third decimal and is much faster). The grid
/// varies how much of the user's history seeds CF and how fast older seeds fade (the i-th most recent seed
/// counts factor^i): the last few items for a next-item question, most of the history for a whole future
/// period. Half-lives stay <see cref="OfflineTuning.MovieLens"/>'s year scale. Candidates replay in
/// parallel: each has its own state, and the replay is most of evaluate's CPU time.
/// </summary>
internal static class RecoStreamsTuning
{
    public const string System = "RecoStreams";

    private static readonly (double Recency, int Seeds)[] Grid = [(0.3, 50), (0.5, 50), (0.7, 50), (0.9, 50), (0.9, 200), (1.0, 200)];

    public static (TunedSetting Setting, ReplayOptions Options) Run(
        DataSplit validation, IReadOnlyList<CatalogItem> catalog, ListScorer validationScorer, int k, int listSize, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var scores = new MeanEstimate[Grid.Length];
        Parallel.For(
            0,
            Grid.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            i =>
            {
                var replay = new OfflineReplay(Options(Grid[i].Recency, Grid[i].Seeds, listSize), catalog);
                replay.Ingest(validation.Train);
                var lists = ListScorer.ListsFor(validationScorer.Users, u => [.. replay.Recommend(u).Items.Select(i => i.ItemId)]);
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
