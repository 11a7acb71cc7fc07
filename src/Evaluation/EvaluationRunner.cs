using System.Diagnostics;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation;

/// <summary>
/// Splits a rating log, chooses every system's setting on a validation split cut from the training part,
/// then scores on the test users: the topology (the system under test), the offline replay of the same
/// domain logic, MostPopular and three strong baselines (ItemKNN, EASE, item transitions), each trained in
/// this run, and the offline replay with a trained model (chosen on validation) blended in as the topology serves a
/// trained model. With the topology replay, the chosen blend is also published and activated in the topology
/// after the training part, and the lists it then serves are scored. Every system is scored on the same users;
/// the RecoStreams lists are compared with each baseline by paired per-user differences.
/// </summary>
public static class EvaluationRunner
{
    public const string TopologyRefreshed = "RecoStreams";
    public const string TopologyAsServed = "RecoStreams-as-served";
    public const string Offline = "OfflineReplay";
    public const string OfflineWithModel = "RecoStreams+model";
    public const string TopologyWithModel = "RecoStreams+model-as-served";
    public const string MostPopular = "MostPopular";

    /// <summary>The cut-off settings are chosen at: 10 when asked for, else the smallest.</summary>
    public static int TuningCutoff(IReadOnlyList<int> cutoffs) => cutoffs.Contains(10) ? 10 : cutoffs.Min();

    public static async Task<EvaluationReport> RunAsync(EvaluationRequest request, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        var catalog = DatasetReaders.ReadCatalog(request.ItemsPath);
        var log = DatasetReaders.ReadMovieLensRatings(request.RatingsPath);
        if (request.Protocol == SplitProtocol.GlobalTimeRolling)
        {
            return RollingOriginEvaluation.Run(request, catalog, log, total, progress, cancellationToken);
        }

        var split = request.Protocol switch
        {
            SplitProtocol.Temporal => DataSplit.Temporal(log, request.TestFraction),
            SplitProtocol.GlobalTime => DataSplit.GlobalTime(log, request.TestFraction),
            _ => DataSplit.LeaveLastOut(log),
        };
        var validation = split.Validation();
        var scorer = new ListScorer(split, catalog.Count);
        var validationScorer = new ListScorer(validation, catalog.Count);
        if (scorer.Users.Count < 2 || validationScorer.Users.Count < 2)
        {
            throw new FormatException(
                $"{request.RatingsPath}: the {EvaluationRequest.Name(request.Protocol)} split leaves {scorer.Users.Count} test and {validationScorer.Users.Count} validation users with a relevant held-out item; at least 2 of each are needed.");
        }

        var maxK = request.Cutoffs.Max();
        var tuningK = TuningCutoff(request.Cutoffs);
        var listSize = Math.Max(OfflineTuning.MovieLens().Recommender.ListSize, maxK);
        progress.WriteLine(
            $"{EvaluationRequest.Name(request.Protocol)}: {split.Train.Count} training events, {scorer.Users.Count} test users; validation: {validation.Train.Count} training events, {validationScorer.Users.Count} users.");

        var (tuning, recoOptions, model, baselineLists, systems) = RunOffline(
            split, validation, catalog, scorer, validationScorer, maxK, tuningK, listSize, progress, cancellationToken);

        var replaySeconds = 0.0;
        var deadLettered = 0L;
        if (request.ReplayTopology)
        {
            progress.WriteLine($"Replaying {split.Train.Count} training events through the topology (clock step {request.ReplayStep.TotalSeconds:F0} s)...");
            var memory = new MemoryBudget(request.MemoryBudgetBytes);
            var clock = Stopwatch.StartNew();
            var topology = await TopologyReplay.RunAsync(
                catalog, split.Train, scorer.Users, recoOptions, request.ReplayStep, model, memory, progress, cancellationToken);
            replaySeconds = clock.Elapsed.TotalSeconds;
            progress.WriteLine($"Topology replay took {replaySeconds:F1} s ({memory.Collections} collections for the memory budget).");
            systems[TopologyRefreshed] = topology.Refreshed;
            systems[TopologyAsServed] = topology.AsServed;
            systems[TopologyWithModel] = topology.WithModel!;
            deadLettered = topology.DeadLettered;
        }

        var results = new List<SystemMetrics>();
        var comparisons = new List<PairedComparison>();
        var perUser = new List<UserNdcg>();
        foreach (var k in request.Cutoffs)
        {
            var baselines = baselineLists.ToDictionary(b => b.Key, b => scorer.Score(b.Key, b.Value, k), StringComparer.Ordinal);
            var ours = systems.ToDictionary(s => s.Key, s => scorer.Score(s.Key, s.Value, k), StringComparer.Ordinal);
            results.AddRange(baselines.Values.Concat(ours.Values).Select(s => s.ToMetrics()));
            perUser.AddRange(baselines.Values.Concat(ours.Values).SelectMany(s => EvaluationReport.RowsOf(s, scorer.Users)));
            foreach (var system in ours.Values)
            {
                comparisons.AddRange(baselines.Values.Select(baseline => Compare(system, baseline)));
            }
        }

        return new EvaluationReport(
            request.RatingsPath,
            request.ItemsPath,
            EvaluationRequest.Name(request.Protocol),
            EvaluationReport.SameSecond,
            request.Protocol == SplitProtocol.LeaveLastOut ? null : request.TestFraction,
            split.CutMs is { } cut ? DateTimeOffset.FromUnixTimeMilliseconds(cut).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null,
            split.Train.Count,
            scorer.Users.Count,
            validation.Train.Count,
            validationScorer.Users.Count,
            catalog.Count,
            listSize,
            deadLettered,
            Math.Round(replaySeconds, 1),
            Math.Round(total.Elapsed.TotalSeconds, 1),
            tuning,
            results,
            comparisons)
        {
            PerUser = perUser,
        };
    }

    /// <summary>
    /// Everything measured without the topology: the settings chosen on validation, the baselines' and the offline
    /// replay's test lists, and the blend the topology is to serve. A method of its own so that the replays and models
    /// it builds are garbage once it returns: held by the caller across the topology replay, they were most of the
    /// live heap there (docs/benchmarks.md, "evaluate, session 8").
    /// </summary>
    private static OfflineResults RunOffline(
        DataSplit split,
        DataSplit validation,
        IReadOnlyList<CatalogItem> catalog,
        ListScorer scorer,
        ListScorer validationScorer,
        int maxK,
        int tuningK,
        int listSize,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        progress.WriteLine($"Choosing settings on the validation split (NDCG@{tuningK})...");
        var tuning = new List<TunedSetting>();
        var validationReplay = RecoStreamsTuning.Replay(validation, catalog);
        var (recoSetting, recoOptions) = RecoStreamsTuning.Run(validationReplay, validationScorer, tuningK, listSize, progress, cancellationToken);
        tuning.Add(recoSetting);
        var baselineLists = new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        var tunedBaselines = new List<TunedBaseline>();
        foreach (var family in ItemModelFamily.All())
        {
            var baseline = BaselineTuning.Run(family, split, validation, validationScorer, scorer.Users, tuningK, listSize, progress, cancellationToken);
            tuning.Add(baseline.Setting);
            baselineLists[family.System] = baseline.TestLists;
            tunedBaselines.Add(baseline);
        }

        var blend = BlendTuning.Run(tunedBaselines, recoOptions, validation, validationReplay, validationScorer, tuningK, progress, cancellationToken);
        tuning.Add(blend.Setting);

        var popular = new MostPopularBaseline(split.Train);
        baselineLists[MostPopular] = ListScorer.ListsFor(scorer.Users, u => popular.Recommend(u, maxK));

        var offline = new OfflineReplay(recoOptions, catalog);
        offline.Ingest(split.Train);
        var systems = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            [Offline] = ListScorer.ListsFor(scorer.Users, u => [.. offline.Recommend(u).Items.Select(i => i.ItemId)]),
            [OfflineWithModel] = BlendTuning.Lists(offline, blend.Options, blend.Model, split, scorer.Users),
        };

        return new(tuning, recoOptions, ReplayModel.Of(blend, split.Train[^1].OccurredAtMs), baselineLists, systems);
    }

    internal static PairedComparison Compare(ScoredLists system, ScoredLists baseline)
    {
        var difference = PairedDifference.Of(system.Ndcg, baseline.Ndcg);
        var (ours, theirs) = (system.Ndcg.Average(), baseline.Ndcg.Average());
        return new PairedComparison(
            system.System,
            baseline.System,
            system.K,
            ours,
            theirs,
            theirs == 0 ? null : ours / theirs,
            difference.Mean,
            difference.StandardError,
            difference.Lower95,
            difference.Upper95);
    }
}

/// <summary>What the offline part of an evaluation hands on: settings, the blend to serve, and test lists by system.</summary>
internal sealed record OfflineResults(
    List<TunedSetting> Tuning,
    ReplayOptions RecoOptions,
    ReplayModel Model,
    Dictionary<string, Dictionary<string, IReadOnlyList<string>>> BaselineLists,
    Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Systems);
