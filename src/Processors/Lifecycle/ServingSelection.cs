using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// Chooses the settings a trained version is served with, as the evaluate command chooses its blend
/// (<see cref="BlendSelection"/>): on a validation cut inside the training events (the one
/// <see cref="EnsembleSelection"/> chooses an ensemble's members on), the model trained on the events before that
/// cut is blended into the streaming recommender replayed over them, and each point is scored as served
/// (<see cref="AsServedEvaluation"/>). An ensemble whose member weights the request does not name also chooses them
/// (<see cref="BlendSelection.EnsembleWeights"/>). A request that names any serving setting (or a member weight) is
/// taken as named, so a champion is retrained from its lineage without choosing again.
/// </summary>
public static class ServingSelection
{
    /// <summary>Lineage: the validation split the serving settings were chosen on.</summary>
    public const string ChosenOn = "blend.chosenOn";

    /// <summary>Lineage: the chosen blend's validation NDCG@10.</summary>
    public const string ValidationNdcg = "blend." + EnsembleSelection.ValidationNdcg;

    /// <param name="modelType">A trained model type (not the config model).</param>
    /// <param name="parameters">The request's settings, an ensemble's members already resolved.</param>
    /// <param name="train">The events the model may learn from, in time order (never the gate's held-out ones).</param>
    /// <param name="interaction">How an event becomes a model's input, as the job trains.</param>
    /// <returns>The settings with the serving settings (and an ensemble's member weights) named: as requested, or chosen here.</returns>
    public static IReadOnlyDictionary<string, string> Resolve(
        string modelType,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyList<EngagementEvent> train,
        Func<EngagementEvent, Interaction> interaction,
        ModelTrainerFactory trainers,
        ReplayOptions replay,
        IReadOnlyList<CatalogItem> catalog,
        TrainingSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(trainers);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(settings);
        var isEnsemble = modelType == ItemModelEnsemble.Type;
        var chooseWeights = isEnsemble && !ModelTrainerFactory.EnsembleMembers.Any(m =>
            parameters.ContainsKey(ItemModelEnsembleTrainer.MemberSetting(m, ItemModelEnsembleTrainer.WeightSetting)));
        if (BlendSelection.ChosenSettings.Any(parameters.ContainsKey) || (isEnsemble && !chooseWeights))
        {
            return parameters;
        }

        var validation = HoldoutSplit.Cut(train, settings.HoldoutFraction, settings.MaxHoldoutUsers);
        if (validation.Relevant.Count < 2)
        {
            throw new InvalidOperationException(
                $"Choosing the serving settings needs a validation split with at least 2 users with a relevant new item; the {train.Count} training events leave {validation.Relevant.Count}. Train on a longer range or name the serving settings (e.g. trainedNeighbourWeight).");
        }

        var interactions = validation.Train.Select(interaction).ToList();
        var models = isEnsemble
            ? EnsembleModels(parameters, interactions, trainers, cancellationToken)
            : [new BlendModel(modelType, trainers.Create(modelType, parameters)!.Train(interactions, cancellationToken))];
        var evaluation = new AsServedEvaluation(replay, catalog, validation);
        var choice = BlendSelection.Choose(
            models,
            allowNone: false,
            replay.Recommender,
            (model, recommenders) => [.. evaluation.Score(model, recommenders, settings.NeighboursPerItem, cancellationToken).Select(s => s.NdcgPerUser)],
            cancellationToken);

        var resolved = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var (name, value) in choice.ServingSettings)
        {
            resolved[name] = value;
        }

        if (chooseWeights)
        {
            var weights = BlendSelection.EnsembleWeights.Single(w => BlendSelection.EnsembleName(w) == choice.Model!.Name);
            foreach (var (member, weight) in weights)
            {
                resolved[ItemModelEnsembleTrainer.MemberSetting(member, ItemModelEnsembleTrainer.WeightSetting)] = weight.ToString(CultureInfo.InvariantCulture);
            }
        }

        resolved[ValidationNdcg] = choice.ValidationNdcg.Mean.ToString("F4", CultureInfo.InvariantCulture);
        resolved[ChosenOn] = string.Create(
            CultureInfo.InvariantCulture,
            $"validation: {validation.Relevant.Count} users, cut {DateTimeOffset.FromUnixTimeMilliseconds(validation.CutMs):O}, {choice.Tried} settings tried");
        return resolved;
    }

    /// <summary>The ensemble with each weighting tried; its members trained once, as the ensemble's trainer builds them.</summary>
    private static List<BlendModel> EnsembleModels(
        IReadOnlyDictionary<string, string> parameters, IReadOnlyList<Interaction> interactions, ModelTrainerFactory trainers, CancellationToken cancellationToken)
    {
        var topK = parameters.TryGetValue("topK", out var text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : ItemModelEnsembleTrainer.DefaultTopK;
        var members = ModelTrainerFactory.EnsembleMembers
            .Select(m => trainers.Create(m, ItemModelEnsembleTrainer.MemberSettings(parameters, m))!.Train(interactions, cancellationToken))
            .ToList();
        return [.. BlendSelection.EnsembleWeights.Select(weights => new BlendModel(
            BlendSelection.EnsembleName(weights),
            ItemModelEnsemble.Combine(members, topK, [.. ModelTrainerFactory.EnsembleMembers.Select(m => weights[m])])))];
    }
}
