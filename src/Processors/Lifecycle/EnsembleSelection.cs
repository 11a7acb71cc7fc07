using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// Chooses the settings of an ensemble's members as the evaluate command chooses its strong baselines: each
/// member's grid (<see cref="ItemModelFamily.All"/>) tried on a validation split of the training events (one
/// more time cut inside them, as <see cref="HoldoutSplit"/> cuts the job's range), the best by NDCG@10 of the
/// member's own lists (<see cref="ItemModelLists"/>) kept. A member whose settings the request names is taken
/// as named, so a champion is retrained from its lineage without choosing again.
/// </summary>
public static class EnsembleSelection
{
    private const int K = 10;

    /// <summary>Lineage: the validation NDCG@10 a chosen member reached, "{member}.validationNdcg".</summary>
    public const string ValidationNdcg = "validationNdcg";

    /// <summary>Lineage: the validation split the members were chosen on (users scored, cut time).</summary>
    public const string ChosenOn = "chosenOn";

    /// <param name="parameters">The request's ensemble settings.</param>
    /// <param name="train">The events the model may learn from, in time order (never the gate's held-out ones).</param>
    /// <param name="interaction">How an event becomes a model's input, as the job trains.</param>
    /// <returns>The settings with every member's named: as requested, or chosen here.</returns>
    public static IReadOnlyDictionary<string, string> Resolve(
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyList<EngagementEvent> train,
        Func<EngagementEvent, Interaction> interaction,
        TrainingSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        var families = ItemModelFamily.All()
            .Where(f => ItemModelEnsembleTrainer.MemberSettings(parameters, f.Trainers[0].ModelType).Count == 0)
            .ToList();
        if (families.Count == 0)
        {
            return parameters;
        }

        var validation = HoldoutSplit.Cut(train, settings.HoldoutFraction, settings.MaxHoldoutUsers);
        if (validation.Relevant.Count < 2)
        {
            throw new InvalidOperationException(
                $"Choosing the ensemble's members needs a validation split with at least 2 users with a relevant new item; the {train.Count} training events leave {validation.Relevant.Count}. Train on a longer range or name the members' settings (e.g. ease.lambda).");
        }

        var lists = new ItemModelLists(validation.Train, interaction);
        var users = validation.Relevant.Keys.ToList();
        IReadOnlyList<double> NdcgOf(ItemNeighbourModel model)
        {
            var ranked = lists.For(model, users, K);
            return [.. users.Select(u => RankingMetrics.NdcgAtK(ranked[u], validation.Relevant[u], K))];
        }

        var resolved = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            [ChosenOn] = string.Create(
                CultureInfo.InvariantCulture,
                $"validation: {users.Count} users, cut {DateTimeOffset.FromUnixTimeMilliseconds(validation.CutMs):O}, {validation.Train.Count} events before it"),
        };
        foreach (var family in families)
        {
            var memberType = family.Trainers[0].ModelType;
            var choice = ItemModelSelection.Choose(family, lists.TrainInteractions, NdcgOf, cancellationToken);
            foreach (var (name, value) in choice.Parameters)
            {
                resolved[ItemModelEnsembleTrainer.MemberSetting(memberType, name)] = value;
            }

            resolved[ItemModelEnsembleTrainer.MemberSetting(memberType, ValidationNdcg)] =
                choice.ValidationNdcg.Mean.ToString("F4", CultureInfo.InvariantCulture);
        }

        return resolved;
    }
}
