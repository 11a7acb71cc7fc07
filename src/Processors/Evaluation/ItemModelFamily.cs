using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// One item-model family and the settings tried for it on a validation split: trainers (one training each)
/// times recency factors (applied to a trained model without retraining). The evaluate command's strong
/// baselines and the members of a trained ensemble version are chosen from the same grids.
/// </summary>
public sealed record ItemModelFamily(string System, IReadOnlyList<IItemModelTrainer> Trainers, IReadOnlyList<double> RecencyFactors)
{
    public const string ItemKnn = "ItemKNN";
    public const string Ease = "EASE";
    public const string ItemTransitions = "ItemTransitions";

    /// <summary>
    /// The grids. Small on purpose (each point is a training on the validation split): around the values the
    /// literature reports for MovieLens-scale data, with recency weighting tried for every family so that the
    /// sequence signal is not ours alone. EASE covers the 1,500 most frequent items (about 71 % of
    /// ml-latest-small's ratings): its dense solve is cubic in the item count, and at 2,500 items the grid
    /// took most of evaluate's time on a loaded machine.
    /// </summary>
    public static IReadOnlyList<ItemModelFamily> All() =>
    [
        new(
            ItemKnn,
            [.. from shrinkage in new[] { 0.0, 10, 100 }
                from halfLife in new TimeSpan?[] { null, TimeSpan.FromDays(365) }
                select new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = shrinkage, RecencyHalfLife = halfLife, TopK = 100 })],
            [1, 0.75, 0.5]),
        new(
            Ease,
            [.. new[] { 50.0, 200, 800 }.Select(lambda => new EaseTrainer(new EaseOptions { Lambda = lambda, MaxItems = 1500, TopK = 100 }))],
            [1, 0.75, 0.5]),
        new(
            ItemTransitions,
            [.. from window in new[] { 3, 10, 30 }
                from decay in new[] { 0.7, 0.9 }
                select new ItemTransitionTrainer(new ItemTransitionOptions { Window = window, StepDecay = decay, Shrinkage = 5, TopK = 100 })],
            [0.6, 0.8, 0.95]),
    ];
}
