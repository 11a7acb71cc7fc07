using System.Diagnostics;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.QueryApi.Evaluation;

/// <summary>
/// Splits a rating log, replays the training part through the topology, and scores it next to the offline
/// replay of the same domain logic and the MostPopular baseline, on the same users and cut-offs.
/// </summary>
internal static class EvaluationRunner
{
    public const string TopologyRefreshed = "RecoStreams";
    public const string TopologyAsServed = "RecoStreams-as-served";
    public const string Offline = "OfflineReplay";
    public const string MostPopular = "MostPopular";

    public static async Task<EvaluationReport> RunAsync(EvaluationRequest request, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var catalog = DatasetReaders.ReadCatalog(request.ItemsPath);
        var log = DatasetReaders.ReadMovieLensRatings(request.RatingsPath);
        var split = request.Protocol == SplitProtocol.Temporal ? DataSplit.Temporal(log) : DataSplit.LeaveLastOut(log);
        var scorer = new ListScorer(split, catalog.Count);
        var maxK = request.Cutoffs.Max();

        // Lists at least as long as the largest cut-off, never shorter than the production default. The
        // topology and the offline replay get the same settings: MovieLens-scale decay (see OfflineTuning).
        var tuning = OfflineTuning.MovieLens();
        var listSize = Math.Max(tuning.Recommender.ListSize, maxK);
        tuning.Recommender.ListSize = listSize;
        progress.WriteLine(
            $"Replaying {split.Train.Count} training events through the topology (clock step {request.ReplayStep.TotalSeconds:F0} s) for {scorer.Users.Count} test users...");
        var clock = Stopwatch.StartNew();
        var topology = await TopologyReplay.RunAsync(catalog, split.Train, scorer.Users, tuning, request.ReplayStep, progress, cancellationToken);
        var replaySeconds = clock.Elapsed.TotalSeconds;
        progress.WriteLine($"Topology replay took {replaySeconds:F1} s.");

        var offline = new OfflineReplay(tuning, catalog);
        offline.Ingest(split.Train);
        var offlineLists = ListScorer.ListsFor(scorer.Users, u => [.. offline.Recommend(u).Items.Select(i => i.ItemId)]);
        var baseline = new MostPopularBaseline(split.Train);
        var popularLists = ListScorer.ListsFor(scorer.Users, u => baseline.Recommend(u, maxK));

        var results = new List<SystemMetrics>();
        foreach (var k in request.Cutoffs)
        {
            results.Add(SystemMetrics.From(scorer.Score(TopologyRefreshed, topology.Refreshed, k)));
            results.Add(SystemMetrics.From(scorer.Score(TopologyAsServed, topology.AsServed, k)));
            results.Add(SystemMetrics.From(scorer.Score(Offline, offlineLists, k)));
            results.Add(SystemMetrics.From(scorer.Score(MostPopular, popularLists, k)));
        }

        return new EvaluationReport(
            request.RatingsPath,
            request.ItemsPath,
            request.Protocol == SplitProtocol.Temporal ? "temporal" : "leave-last-out",
            split.Train.Count,
            scorer.Users.Count,
            catalog.Count,
            listSize,
            topology.DeadLettered,
            Math.Round(replaySeconds, 1),
            results);
    }
}
