using System.Diagnostics;
using System.Runtime.ExceptionServices;
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

    // How often the memory budget looks at the process: the offline part can grow it by tens of MiB a second.
    private static readonly TimeSpan MemoryCheckPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>The cut-off settings are chosen at: 10 when asked for, else the smallest.</summary>
    public static int TuningCutoff(IReadOnlyList<int> cutoffs) => cutoffs.Contains(10) ? 10 : cutoffs.Min();

    public static async Task<EvaluationReport> RunAsync(EvaluationRequest request, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        var catalog = DatasetReaders.ReadCatalog(request.ItemsPath);
        var (log, sampledUsers) = ReadLog(request, progress);
        var report = await RunOnLogAsync(request, catalog, log, total, progress, cancellationToken);
        return sampledUsers is null ? report : report with { SampledUsers = sampledUsers, SampleSeed = request.SampleSeed };
    }

    /// <summary>The ratings, or the seeded sample of users asked for with its count (the whole log is garbage once this returns).</summary>
    private static (List<EngagementEvent> Log, int? SampledUsers) ReadLog(EvaluationRequest request, TextWriter progress)
    {
        var log = DatasetReaders.ReadMovieLensRatings(request.RatingsPath);
        if (request.SampleUsers is not { } users)
        {
            return (log, null);
        }

        var sample = UserSample.Keep(log, users, request.SampleSeed);
        var sampled = sample.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count();
        progress.WriteLine($"Sample of {sampled} users (seed {request.SampleSeed}): {sample.Count} of {log.Count} events.");
        return (sample, sampled);
    }

    private static async Task<EvaluationReport> RunOnLogAsync(
        EvaluationRequest request, List<CatalogItem> catalog, List<EngagementEvent> log, Stopwatch total, TextWriter progress, CancellationToken cancellationToken)
    {
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

        // Either part failing stops the other: the replay would otherwise wait for a model that never comes.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inputs = new EvaluationInputs(split, validation, catalog, scorer, validationScorer, maxK, tuningK, listSize);
        var (offline, topology) = RunBesideTopologyReplay(request, inputs, progress, stop);
        var (tuning, _, baselineLists, systems) = offline;
        var replaySeconds = 0.0;
        var deadLettered = 0L;
        if (topology is not null)
        {
            var replayed = await topology;
            replaySeconds = replayed.Seconds;
            systems[TopologyRefreshed] = replayed.Lists.Refreshed;
            systems[TopologyAsServed] = replayed.Lists.AsServed;
            systems[TopologyWithModel] = replayed.Lists.WithModel!;
            deadLettered = replayed.Lists.DeadLettered;
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
    /// The offline part, with the topology replay (when asked for) on a thread of its own beside it. The replay needs the
    /// recommender's settings from its first event but the blend's model only after its last, and it is one thread, the
    /// longest single step of an evaluation; the baselines' grids and the blend's search, which choose that model, fill
    /// the other core meanwhile (docs/benchmarks.md, "evaluate's wall time and memory, session 14"). Not async, so the
    /// validation replay and the offline part's models are garbage once it returns, not fields of the caller's state machine.
    /// </summary>
    private static (OfflineResults Offline, Task<TimedReplay>? Topology) RunBesideTopologyReplay(
        EvaluationRequest request, EvaluationInputs inputs, TextWriter progress, CancellationTokenSource stop)
    {
        progress.WriteLine($"Choosing settings on the validation split (NDCG@{inputs.TuningK})...");
        var validationReplay = RecoStreamsTuning.Replay(inputs.Validation, inputs.Catalog);
        var (recoSetting, recoOptions) = RecoStreamsTuning.Run(
            validationReplay, inputs.ValidationScorer, inputs.TuningK, inputs.ListSize, progress, stop.Token);
        if (!request.ReplayTopology)
        {
            var alone = TuneBaselinesAndBlend(recoSetting, recoOptions, validationReplay, inputs, progress, stop.Token);
            return (OfflineLists(alone, recoOptions, inputs), null);
        }

        progress = TextWriter.Synchronized(progress);
        var model = new TaskCompletionSource<ReplayModel?>(TaskCreationOptions.RunContinuationsAsynchronously);
        progress.WriteLine($"Replaying {inputs.Split.Train.Count} training events through the topology (clock step {request.ReplayStep.TotalSeconds:F0} s), beside the offline part...");
        var topology = StartTopologyReplay(request, inputs, recoOptions, model.Task, progress, stop);
        try
        {
            var tuned = TuneBesideReplay(recoSetting, recoOptions, validationReplay, inputs, progress, stop.Token);
            var offline = OfflineLists(tuned, recoOptions, inputs);
            model.SetResult(offline.Model);
            return (offline, topology);
        }
        catch (OperationCanceledException) when (topology.IsFaulted)
        {
            // The replay's failure stopped the offline part: that failure is the one to report.
            ExceptionDispatchInfo.Throw(topology.Exception!.InnerException!);
            throw;
        }
        catch
        {
            stop.Cancel();
            model.TrySetCanceled(stop.Token);
            try
            {
                topology.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Stopped by this failure, which is the one to report.
            }

            throw;
        }
    }

    /// <summary>
    /// The topology replay on a thread of its own; its failure cancels <paramref name="stop"/>. A method of its own so that
    /// its delegates hold only what the replay reads: a continuation sharing a closure with the offline part's kept the
    /// validation replay alive through the whole topology replay (docs/benchmarks.md, "evaluate's memory and wall, session 15").
    /// </summary>
    private static Task<TimedReplay> StartTopologyReplay(
        EvaluationRequest request, EvaluationInputs inputs, ReplayOptions recoOptions, Task<ReplayModel?> model, TextWriter progress, CancellationTokenSource stop)
    {
        var token = stop.Token;
        var topology = Task.Run(() => ReplayTopologyAsync(request, inputs, recoOptions, model, progress, token), CancellationToken.None);
        _ = topology.ContinueWith(
            static (_, state) => ((CancellationTokenSource)state!).Cancel(), stop, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return topology;
    }

    /// <summary>
    /// <see cref="TuneBaselinesAndBlend"/> kept to one core fewer than the machine has, so the replay keeps one: its parallel
    /// loops run on the scheduler they are called from. Their results are by index, not by order.
    /// </summary>
    private static TunedOffline TuneBesideReplay(
        TunedSetting recoSetting,
        ReplayOptions recoOptions,
        OfflineReplay validationReplay,
        EvaluationInputs inputs,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var besideReplay = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, Environment.ProcessorCount - 1)).ConcurrentScheduler;
        return Task.Factory.StartNew(
            () => TuneBaselinesAndBlend(recoSetting, recoOptions, validationReplay, inputs, progress, cancellationToken),
            cancellationToken,
            TaskCreationOptions.None,
            besideReplay).GetAwaiter().GetResult();
    }

    private static async Task<TimedReplay> ReplayTopologyAsync(
        EvaluationRequest request,
        EvaluationInputs inputs,
        ReplayOptions recoOptions,
        Task<ReplayModel?> model,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        // The replay starts with the offline part and ends after it, so the budget watches both.
        var memory = new MemoryBudget(request.MemoryBudgetBytes);
        var clock = Stopwatch.StartNew();
        ReplayLists lists;
        using (memory.Watch(MemoryCheckPeriod))
        {
            lists = await TopologyReplay.RunAsync(
                inputs.Catalog, inputs.Split.Train, inputs.Scorer.Users, recoOptions, request.ReplayStep, model, progress, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        progress.WriteLine($"Topology replay took {seconds:F1} s ({memory.Collections} collections for the memory budget).");
        return new TimedReplay(lists, seconds);
    }

    /// <summary>
    /// The strong baselines' settings and test lists, then the blend chosen among their models on the validation replay.
    /// The baselines' models, trained on validation and on the training part, are garbage once this returns.
    /// </summary>
    private static TunedOffline TuneBaselinesAndBlend(
        TunedSetting recoSetting,
        ReplayOptions recoOptions,
        OfflineReplay validationReplay,
        EvaluationInputs inputs,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var (split, validation, _, scorer, validationScorer, _, tuningK, listSize) = inputs;
        List<TunedSetting> tuning = [recoSetting];
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
        return new TunedOffline(tuning, baselineLists, blend);
    }

    /// <summary>
    /// The test lists made without the topology once settings are chosen: MostPopular's, the offline replay's of the
    /// training part, alone and with the blend, and the blend as the version the topology is to serve. Sequential, and
    /// after the validation replay is released.
    /// </summary>
    private static OfflineResults OfflineLists(TunedOffline tuned, ReplayOptions recoOptions, EvaluationInputs inputs)
    {
        var (tuning, baselineLists, blend) = tuned;
        var (split, _, catalog, scorer, _, maxK, _, _) = inputs;
        var popular = new MostPopularBaseline(split.Train);
        baselineLists[MostPopular] = ListScorer.ListsFor(scorer.Users, u => popular.Recommend(u, maxK));

        var offline = new OfflineReplay(recoOptions, catalog);
        offline.Ingest(split.Train);
        var systems = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            [Offline] = ListScorer.ListsFor(scorer.Users, u => [.. offline.Recommend(u).Items.Select(i => i.ItemId)]),
            [OfflineWithModel] = BlendTuning.Lists(offline, blend.Options, blend.Model, split, scorer.Users),
        };

        return new(tuning, ReplayModel.Of(blend, split.Train[^1].OccurredAtMs), baselineLists, systems);
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

/// <summary>
/// What every part of an evaluation reads: the test and validation splits, the catalog, their scorers, the largest
/// cut-off, the one settings are chosen at, and the length of the lists made.
/// </summary>
internal sealed record EvaluationInputs(
    DataSplit Split,
    DataSplit Validation,
    IReadOnlyList<CatalogItem> Catalog,
    ListScorer Scorer,
    ListScorer ValidationScorer,
    int MaxK,
    int TuningK,
    int ListSize);

/// <summary>The settings chosen offline so far (the recommender's, each baseline's, the blend's) and the baselines' test lists.</summary>
internal sealed record TunedOffline(
    List<TunedSetting> Tuning,
    Dictionary<string, Dictionary<string, IReadOnlyList<string>>> BaselineLists,
    TunedBlend Blend);

/// <summary>What the offline part of an evaluation hands on: settings, the blend to serve, and test lists by system.</summary>
internal sealed record OfflineResults(
    List<TunedSetting> Tuning,
    ReplayModel Model,
    Dictionary<string, Dictionary<string, IReadOnlyList<string>>> BaselineLists,
    Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Systems);

/// <summary>The topology replay's lists and how long it took.</summary>
internal sealed record TimedReplay(ReplayLists Lists, double Seconds);
