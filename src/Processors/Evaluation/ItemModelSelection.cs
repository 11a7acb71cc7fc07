using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Evaluation;

/// <summary>A family's setting chosen on validation: its trainer and recency factor, their validation NDCG, and the model trained there.</summary>
public sealed record ItemModelChoice(IItemModelTrainer Trainer, double RecencyFactor, MeanEstimate ValidationNdcg, ItemNeighbourModel ValidationModel, int Candidates)
{
    /// <summary>The trainer's settings with the chosen recency factor (lineage).</summary>
    public IReadOnlyDictionary<string, string> Parameters =>
        new Dictionary<string, string>(Trainer.Parameters, StringComparer.Ordinal)
        {
            ["recencyFactor"] = RecencyFactor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}

/// <summary>
/// Chooses an item-model family's setting on a validation split, never on what is reported or gated: every
/// trainer of the grid is trained once on the validation training part, each recency factor applied to its
/// model, and the best by the validation users' NDCG wins (the first of the best in grid order, so ties
/// resolve the same way on every run). Shared by the evaluate command's baselines and the training jobs'
/// ensemble members.
/// </summary>
public static class ItemModelSelection
{
    /// <param name="validationTrain">The validation split's training interactions.</param>
    /// <param name="ndcgPerUser">The validation users' NDCG of a model's lists.</param>
    public static ItemModelChoice Choose(
        ItemModelFamily family,
        IReadOnlyList<Interaction> validationTrain,
        Func<ItemNeighbourModel, IReadOnlyList<double>> ndcgPerUser,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(ndcgPerUser);
        var scores = new MeanEstimate[family.Trainers.Count, family.RecencyFactors.Count];

        // Only the best model so far is kept (a grid's models are tens of MiB each); which one wins does not depend on
        // the order the trainers finish in, as the comparison is the one below.
        var kept = (Trainer: -1, Model: (ItemNeighbourModel?)null);
        var keeping = new Lock();
        Parallel.For(
            0,
            family.Trainers.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            t =>
            {
                var model = family.Trainers[t].Train(validationTrain, cancellationToken);
                for (var r = 0; r < family.RecencyFactors.Count; r++)
                {
                    scores[t, r] = MeanEstimate.Of(ndcgPerUser(model.WithRecencyFactor(family.RecencyFactors[r])));
                }

                lock (keeping)
                {
                    if (kept.Trainer < 0 || Better(scores, Best(scores, t), Best(scores, kept.Trainer)))
                    {
                        kept = (t, model);
                    }
                }
            });

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

        // The same trainer unless scores are not comparable (NaN); its training is deterministic, so a retrain is the same model.
        var model = kept.Trainer == bestTrainer ? kept.Model! : family.Trainers[bestTrainer].Train(validationTrain, cancellationToken);
        var factor = family.RecencyFactors[bestRecency];
        return new ItemModelChoice(
            family.Trainers[bestTrainer],
            factor,
            scores[bestTrainer, bestRecency],
            model.WithRecencyFactor(factor),
            family.Trainers.Count * family.RecencyFactors.Count);
    }

    /// <summary>A trainer's best point: the first of its best recency factors.</summary>
    private static (int Trainer, int Recency) Best(MeanEstimate[,] scores, int t)
    {
        var best = 0;
        for (var r = 1; r < scores.GetLength(1); r++)
        {
            if (scores[t, r].Mean > scores[t, best].Mean)
            {
                best = r;
            }
        }

        return (t, best);
    }

    /// <summary>Whether point a wins over point b in the choice above: a higher mean, or the same and earlier in grid order.</summary>
    private static bool Better(MeanEstimate[,] scores, (int Trainer, int Recency) a, (int Trainer, int Recency) b) =>
        scores[a.Trainer, a.Recency].Mean > scores[b.Trainer, b.Recency].Mean
        || (scores[a.Trainer, a.Recency].Mean == scores[b.Trainer, b.Recency].Mean && a.Trainer < b.Trainer);
}
