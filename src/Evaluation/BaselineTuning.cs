using System.Diagnostics;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation;

/// <summary>
/// A baseline tuned on validation: its setting, its model trained on validation and on the full training part, its
/// test lists, and the choice (to retrain it on another training part, as the rolling origin does at each cut).
/// </summary>
internal sealed record TunedBaseline(
    TunedSetting Setting, ItemNeighbourModel ValidationModel, ItemNeighbourModel TrainModel, Dictionary<string, IReadOnlyList<string>> TestLists, ItemModelChoice Choice);

/// <summary>
/// Chooses a baseline's setting on the validation split (never the reported test), then trains it with that
/// setting on the full training part and returns its lists for the test users.
/// </summary>
internal static class BaselineTuning
{
    public static TunedBaseline Run(
        ItemModelFamily family,
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
        var validationLists = new ItemModelLists(validation.Train, TrainingInteractions.From);
        var choice = ItemModelSelection.Choose(
            family,
            validationLists.TrainInteractions,
            model => validationScorer.Score(family.System, validationLists.For(model, validationScorer.Users, listSize), k).Ndcg,
            cancellationToken);
        var setting = new TunedSetting(family.System, choice.Parameters, k, choice.ValidationNdcg.Mean, choice.ValidationNdcg.StandardError, choice.Candidates);
        progress.WriteLine(FormattableString.Invariant($"  {family.System}: {Describe(setting)} [{clock.Elapsed.TotalSeconds:F1} s]"));

        var testLists = new ItemModelLists(split.Train, TrainingInteractions.From);
        var final = choice.Trainer.Train(testLists.TrainInteractions, cancellationToken).WithRecencyFactor(choice.RecencyFactor);
        return new TunedBaseline(setting, choice.ValidationModel, final, testLists.For(final, testUsers, listSize), choice);
    }

    public static string Describe(TunedSetting setting) =>
        string.Join(", ", setting.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
        + FormattableString.Invariant($" (validation NDCG@{setting.K} {setting.ValidationNdcg:F4} ± {setting.ValidationNdcgSe:F4}, best of {setting.Candidates})");
}
