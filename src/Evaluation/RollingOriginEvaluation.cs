using System.Diagnostics;
using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation;

/// <summary>
/// The global-time protocol with a rolling origin (<see cref="DataSplit.RollingOrigin"/>): every setting is chosen
/// once, on global-time's validation split (before the first window), exactly as the single cut chooses them; then at
/// each window's cut every system is retrained with its chosen setting on the events before the cut (the offline
/// replay simply ingests up to it) and scored on the users the window holds out. A user's values are averaged over
/// the windows that score them, so the per-user pairing and standard errors count users, not windows (one user's
/// windows are not independent). Coverage and novelty are the means over windows. The topology replay is not run
/// here: RecoStreams is the offline replay of the same domain logic.
/// </summary>
internal static class RollingOriginEvaluation
{
    public static EvaluationReport Run(
        EvaluationRequest request, IReadOnlyList<CatalogItem> catalog, IReadOnlyList<EngagementEvent> log, Stopwatch total, TextWriter progress, CancellationToken cancellationToken)
    {
        var windows = DataSplit.RollingOrigin(log, request.TestFraction, request.Windows);
        var first = windows[0];
        var validation = first.Validation();
        var validationScorer = new ListScorer(validation, catalog.Count);
        var scorers = windows.Select(w => new ListScorer(w, catalog.Count)).ToList();
        var units = scorers.Sum(s => s.Users.Count);
        if (units < 2 || validationScorer.Users.Count < 2)
        {
            throw new FormatException(
                $"{request.RatingsPath}: the rolling origin leaves {units} scored user-windows and {validationScorer.Users.Count} validation users with a relevant held-out item; at least 2 of each are needed.");
        }

        var tuningK = EvaluationRunner.TuningCutoff(request.Cutoffs);
        var listSize = Math.Max(OfflineTuning.MovieLens().Recommender.ListSize, request.Cutoffs.Max());
        progress.WriteLine(
            $"global-time-rolling: {windows.Count} windows from {Time(first.CutMs)}, {units} scored user-windows of {scorers.SelectMany(s => s.Users).Distinct(StringComparer.Ordinal).Count()} users; validation: {validation.Train.Count} training events, {validationScorer.Users.Count} users; offline systems only (no topology replay).");

        progress.WriteLine($"Choosing settings on the validation split (NDCG@{tuningK})...");
        var tuning = new List<TunedSetting>();
        var validationReplay = RecoStreamsTuning.Replay(validation, catalog);
        var (recoSetting, recoOptions) = RecoStreamsTuning.Run(validationReplay, validationScorer, tuningK, listSize, progress, cancellationToken);
        tuning.Add(recoSetting);
        var baselines = ItemModelFamily.All()
            .Select(family => BaselineTuning.Run(family, first, validation, validationScorer, [], tuningK, listSize, progress, cancellationToken))
            .ToList();
        tuning.AddRange(baselines.Select(b => b.Setting));
        var blend = BlendTuning.Run(baselines, recoOptions, validation, validationReplay, validationScorer, tuningK, progress, cancellationToken);
        tuning.Add(blend.Setting);

        // Per system, per window: the window's scored lists at each cut-off.
        var scored = new Dictionary<string, List<ScoredLists>>(StringComparer.Ordinal);
        var replay = new OfflineReplay(recoOptions, catalog);
        var ingested = 0;
        for (var w = 0; w < windows.Count; w++)
        {
            var (split, scorer) = (windows[w], scorers[w]);
            replay.Ingest(split.Train.Skip(ingested));
            ingested = split.Train.Count;
            if (scorer.Users.Count == 0)
            {
                continue;
            }

            var clock = Stopwatch.StartNew();
            var itemLists = new ItemModelLists(split.Train, TrainingInteractions.From);
            var models = baselines
                .Select(b => b.Choice.Trainer.Train(itemLists.TrainInteractions, cancellationToken).WithRecencyFactor(b.Choice.RecencyFactor))
                .ToList();
            var popular = new MostPopularBaseline(split.Train);
            var systems = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
            {
                [EvaluationRunner.MostPopular] = ListScorer.ListsFor(scorer.Users, u => popular.Recommend(u, listSize)),
                [EvaluationRunner.Offline] = ListScorer.ListsFor(scorer.Users, u => [.. replay.Recommend(u).Items.Select(i => i.ItemId)]),
                [EvaluationRunner.OfflineWithModel] = BlendTuning.Lists(replay, blend.Options, BlendTuning.ModelFor(blend, baselines, models), split, scorer.Users),
            };
            for (var b = 0; b < baselines.Count; b++)
            {
                systems[baselines[b].Setting.System] = itemLists.For(models[b], scorer.Users, listSize);
            }

            foreach (var (system, lists) in systems)
            {
                var perWindow = scored.TryGetValue(system, out var list) ? list : scored[system] = [];
                perWindow.AddRange(request.Cutoffs.Select(k => scorer.Score(system, lists, k)));
            }

            progress.WriteLine(FormattableString.Invariant(
                $"  window {w + 1}/{windows.Count} from {Time(split.CutMs)}: {split.Train.Count} training events, {scorer.Users.Count} users [{clock.Elapsed.TotalSeconds:F1} s]"));
        }

        var userOrder = scorers.Where(s => s.Users.Count > 0).Select(s => s.Users).ToList();
        var results = new List<SystemMetrics>();
        var comparisons = new List<PairedComparison>();
        var perUser = new List<UserNdcg>();
        var pooledOrder = userOrder.SelectMany(u => u).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var k in request.Cutoffs)
        {
            var pooled = scored.ToDictionary(s => s.Key, s => Pool(s.Key, k, [.. s.Value.Where(x => x.K == k)], userOrder), StringComparer.Ordinal);
            var baselineNames = baselines.Select(b => b.Setting.System).Append(EvaluationRunner.MostPopular).ToList();
            results.AddRange(pooled.Values.Select(p => p.ToMetrics()));
            perUser.AddRange(pooled.Values.SelectMany(p => EvaluationReport.RowsOf(p, pooledOrder)));
            foreach (var system in new[] { EvaluationRunner.Offline, EvaluationRunner.OfflineWithModel })
            {
                comparisons.AddRange(baselineNames.Select(b => EvaluationRunner.Compare(pooled[system], pooled[b])));
            }
        }

        return new EvaluationReport(
            request.RatingsPath,
            request.ItemsPath,
            EvaluationRequest.Name(request.Protocol),
            EvaluationReport.SameSecond,
            request.TestFraction,
            Time(first.CutMs),
            first.Train.Count,
            pooledOrder.Count,
            validation.Train.Count,
            validationScorer.Users.Count,
            catalog.Count,
            listSize,
            0,
            0,
            Math.Round(total.Elapsed.TotalSeconds, 1),
            tuning,
            results,
            comparisons)
        {
            Windows = windows.Count,
            ScoredUserWindows = units,
            PerUser = perUser,
        };
    }

    /// <summary>One system's windows pooled: each user's values averaged over the windows that score them, users in ordinal order.</summary>
    private static ScoredLists Pool(string system, int k, IReadOnlyList<ScoredLists> windows, IReadOnlyList<IReadOnlyList<string>> users)
    {
        var sums = new SortedDictionary<string, (double Recall, double Ndcg, double Map, int Count)>(StringComparer.Ordinal);
        for (var w = 0; w < windows.Count; w++)
        {
            for (var u = 0; u < users[w].Count; u++)
            {
                var s = sums.GetValueOrDefault(users[w][u]);
                sums[users[w][u]] = (s.Recall + windows[w].Recall[u], s.Ndcg + windows[w].Ndcg[u], s.Map + windows[w].Map[u], s.Count + 1);
            }
        }

        return new ScoredLists(
            system,
            k,
            [.. sums.Values.Select(s => s.Recall / s.Count)],
            [.. sums.Values.Select(s => s.Ndcg / s.Count)],
            [.. sums.Values.Select(s => s.Map / s.Count)],
            windows.Average(w => w.Coverage),
            windows.Average(w => w.Novelty));
    }

    private static string? Time(long? ms) =>
        ms is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("O", CultureInfo.InvariantCulture) : null;
}
