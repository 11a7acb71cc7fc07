using System.Diagnostics;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation;

/// <summary>
/// Chooses a baseline's setting on the validation split (never the reported test), then trains it with that
/// setting on the full training part and returns its lists for the test users.
/// </summary>
internal static class BaselineTuning
{
    public static (TunedSetting Setting, Dictionary<string, IReadOnlyList<string>> TestLists) Run(
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
        (IItemModelTrainer Trainer, double Recency, MeanEstimate Ndcg)? best = null;
        foreach (var trainer in family.Trainers)
        {
            var model = trainer.Train(validationLists.TrainInteractions, cancellationToken);
            foreach (var recency in family.RecencyFactors)
            {
                var scored = validationScorer.Score(family.System, validationLists.For(model.WithRecencyFactor(recency), validationUsers, listSize), k);
                var ndcg = MeanEstimate.Of(scored.Ndcg);
                if (best is null || ndcg.Mean > best.Value.Ndcg.Mean)
                {
                    best = (trainer, recency, ndcg);
                }
            }
        }

        var (chosen, factor, validationNdcg) = best ?? throw new InvalidOperationException($"{family.System} has no candidate settings.");
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
        return (setting, testLists.For(final, testUsers, listSize));
    }

    public static string Describe(TunedSetting setting) =>
        string.Join(", ", setting.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
        + FormattableString.Invariant($" (validation NDCG@{setting.K} {setting.ValidationNdcg:F4} ± {setting.ValidationNdcgSe:F4}, best of {setting.Candidates})");

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
