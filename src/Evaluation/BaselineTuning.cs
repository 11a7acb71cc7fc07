using System.Diagnostics;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation;

/// <summary>A baseline tuned on validation: its setting, its model trained on validation and on the full training part, and its test lists.</summary>
internal sealed record TunedBaseline(
    TunedSetting Setting, ItemNeighbourModel ValidationModel, ItemNeighbourModel TrainModel, Dictionary<string, IReadOnlyList<string>> TestLists);

/// <summary>
/// Chooses a baseline's setting on the validation split (never the reported test), then trains it with that
/// setting on the full training part and returns its lists for the test users.
/// </summary>
internal static class BaselineTuning
{
    public static TunedBaseline Run(
        BaselineFamily family,
        DataSplit split,
        DataSplit validation,
        ListScorer validationScorer,
        IReadOnlyList<string> testUsers,
        int k,
        int listSize,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var validationLists = new ItemModelLists(validation);
        var validationUsers = validationScorer.Users;
        var scores = new MeanEstimate[family.Trainers.Count, family.RecencyFactors.Count];
        var models = new ItemNeighbourModel[family.Trainers.Count];
        Parallel.For(
            0,
            family.Trainers.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            t =>
            {
                var model = models[t] = family.Trainers[t].Train(validationLists.TrainInteractions, cancellationToken);
                for (var r = 0; r < family.RecencyFactors.Count; r++)
                {
                    var lists = validationLists.For(model.WithRecencyFactor(family.RecencyFactors[r]), validationUsers, listSize);
                    scores[t, r] = MeanEstimate.Of(validationScorer.Score(family.System, lists, k).Ndcg);
                }
            });

        // The first of the best in grid order, so ties resolve the same way on every run.
        var (bestTrainer, bestRecency) = (0, 0);
        for (var t = 0; t < family.Trainers.Count; t++)
        {
            for (var r = 0; r < family.RecencyFactors.Count; r++)
            {
                if (scores[t, r].Mean > scores[bestTrainer, bestRecency].Mean)
                {
                    (bestTrainer, bestRecency) = (t, r);
                }
            }
        }

        var (chosen, factor, validationNdcg) = (family.Trainers[bestTrainer], family.RecencyFactors[bestRecency], scores[bestTrainer, bestRecency]);
        var setting = new TunedSetting(
            family.System,
            new Dictionary<string, string>(chosen.Parameters, StringComparer.Ordinal) { ["recencyFactor"] = Invariant(factor) },
            k,
            validationNdcg.Mean,
            validationNdcg.StandardError,
            family.Trainers.Count * family.RecencyFactors.Count);
        progress.WriteLine(FormattableString.Invariant($"  {family.System}: {Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));

        var testLists = new ItemModelLists(split);
        var final = chosen.Train(testLists.TrainInteractions, cancellationToken).WithRecencyFactor(factor);
        return new TunedBaseline(setting, models[bestTrainer].WithRecencyFactor(factor), final, testLists.For(final, testUsers, listSize));
    }

    public static string Describe(TunedSetting setting) =>
        string.Join(", ", setting.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
        + FormattableString.Invariant($" (validation NDCG@{setting.K} {setting.ValidationNdcg:F4} ± {setting.ValidationNdcgSe:F4}, best of {setting.Candidates})");

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
