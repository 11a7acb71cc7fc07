using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation;

/// <summary>
/// Chooses the streaming recommender's offline settings on the validation split, by the offline replay of
/// the same domain logic (it agrees with the topology to the third decimal and is much faster). The grid
/// varies what moved results before (how fast CF seeds decay, how pairs weigh their distance) around
/// <see cref="OfflineTuning.MovieLens"/>'s year-scale half-lives.
/// </summary>
internal static class RecoStreamsTuning
{
    public const string System = "RecoStreams";

    public static (TunedSetting Setting, ReplayOptions Options) Run(
        DataSplit validation, IReadOnlyList<CatalogItem> catalog, ListScorer validationScorer, int k, int listSize, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        var candidates = (from recency in new[] { 0.3, 0.5, 0.7 }
                          from proximity in new[] { 0.5, 1.0 }
                          select (recency, proximity)).ToList();
        (double Recency, double Proximity, MeanEstimate Ndcg)? best = null;
        foreach (var (recency, proximity) in candidates)
        {
            var options = Options(recency, proximity, listSize);
            var replay = new OfflineReplay(options, catalog);
            replay.Ingest(validation.Train);
            var lists = ListScorer.ListsFor(validationScorer.Users, u => [.. replay.Recommend(u).Items.Select(i => i.ItemId)]);
            var ndcg = MeanEstimate.Of(validationScorer.Score(System, lists, k).Ndcg);
            if (best is null || ndcg.Mean > best.Value.Ndcg.Mean)
            {
                best = (recency, proximity, ndcg);
            }
        }

        var (r, p, n) = best!.Value;
        var setting = new TunedSetting(
            System,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["cfRecencyFactor"] = r.ToString(CultureInfo.InvariantCulture),
                ["proximityExponent"] = p.ToString(CultureInfo.InvariantCulture),
            },
            k,
            n.Mean,
            n.StandardError,
            candidates.Count);
        progress.WriteLine(FormattableString.Invariant($"  {System}: {BaselineTuning.Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));
        return (setting, Options(r, p, listSize));
    }

    private static ReplayOptions Options(double recency, double proximity, int listSize)
    {
        var options = OfflineTuning.MovieLens();
        options.Recommender.CfRecencyFactor = recency;
        options.Recommender.ListSize = listSize;
        options.CoVisitation.ProximityExponent = proximity;
        return options;
    }
}
