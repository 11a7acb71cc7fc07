using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>What to train: the version's id, the model type and its settings, the data range asked for.</summary>
public sealed record TrainingRequest(
    string VersionId, string ModelType, IReadOnlyDictionary<string, string> Parameters, long? StartMs, long? EndMs, string CodeVersion);

/// <summary>How a training job evaluates and publishes.</summary>
/// <param name="HoldoutFraction">The most recent share of the events held out (<see cref="HoldoutSplit"/>).</param>
/// <param name="NeighboursPerItem">Trained neighbours published (and evaluated) per item.</param>
/// <param name="MaxHoldoutUsers">Held-out users scored at most.</param>
public sealed record TrainingSettings(double HoldoutFraction, int NeighboursPerItem, int MaxHoldoutUsers);

/// <summary>A trained, evaluated and judged version, and its artefact (empty for the config model).</summary>
public sealed record TrainingResult(ModelVersion Version, IReadOnlyList<ModelNeighboursRecord> Artefact);

/// <summary>
/// A training job's logic, without Kafka: split the history at one time cut, train the candidate and
/// retrain the champion (with its recorded type and settings) on the events before the cut, score both as
/// served on the held-out users, let the gate judge the paired NDCG@10 difference and the coverage, and
/// train the published artefact on the whole range. With no version serving, the champion is the config
/// model: the streaming recommender alone. A config candidate or champion is scored with its own recommender
/// settings (<see cref="ConfigModelSettings"/>). An ensemble candidate's members not named in the request are
/// chosen on a validation split of the events before the cut (<see cref="EnsembleSelection"/>), and a trained
/// candidate's serving settings (blend weight, scaling, fading, MMR, source weights; an ensemble's member weights)
/// unless the request names them, on the same split, as evaluate chooses its blend (<see cref="ServingSelection"/>).
/// </summary>
public sealed class ModelTraining(ModelTrainerFactory trainers, ReplayOptions replay, PromotionGate gate, TrainingSettings settings)
{
    /// <param name="events">The history in the requested range, in any order.</param>
    /// <param name="champion">The serving version; null when none was activated.</param>
    public TrainingResult Run(
        TrainingRequest request,
        IReadOnlyList<EngagementEvent> events,
        IReadOnlyList<CatalogItem> catalog,
        ModelVersion? champion,
        long nowMs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(events);
        var candidateTrainer = trainers.Create(request.ModelType, request.Parameters);
        var championTrainer = champion is null
            ? null
            : trainers.Create(champion.ModelType, champion.Lineage?.Parameters ?? new Dictionary<string, string>());

        var sorted = events.OrderBy(e => e.OccurredAtMs).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var split = HoldoutSplit.Cut(sorted, settings.HoldoutFraction, settings.MaxHoldoutUsers);
        if (split.Relevant.Count < 2)
        {
            throw new InvalidOperationException(
                $"The range holds {sorted.Count} events and {split.Relevant.Count} held-out users with a relevant new item; at least 2 are needed to compare models.");
        }

        var weights = new EventWeights(replay.Affinity);
        var trainInteractions = Interactions(split.Train, weights);
        var parameters = request.Parameters;
        if (request.ModelType == ItemModelEnsemble.Type)
        {
            // Chosen before the gate's cut, so the gate scores settings that never saw its held-out events.
            parameters = EnsembleSelection.Resolve(parameters, split.Train, e => Interaction(e, weights), settings, cancellationToken);
        }

        if (candidateTrainer is not null)
        {
            // The blend the version is served with, chosen on the same validation cut, before the gate's.
            parameters = ServingSelection.Resolve(
                request.ModelType, parameters, split.Train, e => Interaction(e, weights), trainers, replay, catalog, settings, cancellationToken);
            candidateTrainer = trainers.Create(request.ModelType, parameters);
        }

        var evaluation = new AsServedEvaluation(replay, catalog, split);
        var candidateOptions = RecommenderOf(request.ModelType, parameters, ignoreUnknown: false);
        var candidate = evaluation.Score(candidateTrainer?.Train(trainInteractions, cancellationToken), candidateOptions, settings.NeighboursPerItem, cancellationToken);
        var baseline = evaluation.Score(
            championTrainer?.Train(trainInteractions, cancellationToken),
            champion is null ? replay.Recommender : RecommenderOf(champion.ModelType, champion.Lineage?.Parameters ?? new Dictionary<string, string>(), ignoreUnknown: true),
            settings.NeighboursPerItem,
            cancellationToken);
        var difference = PairedDifference.Of(candidate.NdcgPerUser, baseline.NdcgPerUser);
        var result = new ModelEvaluation(
            candidate.Metrics,
            baseline.Metrics,
            new MetricDifference(difference.Mean, difference.StandardError, difference.Lower95, difference.Upper95));
        var decision = gate.Decide(result);

        var model = candidateTrainer?.Train(Interactions(sorted, weights), cancellationToken);
        var artefact = model is null ? [] : ModelBlendInputs.Artefact(request.VersionId, model, settings.NeighboursPerItem);
        var lineage = new ModelLineage(
            request.StartMs ?? (sorted.Count == 0 ? 0 : sorted[0].OccurredAtMs),
            request.EndMs ?? nowMs,
            split.CutMs,
            sorted.Count,
            request.CodeVersion,
            candidateTrainer is null ? ConfigModelSettings.Describe(candidateOptions) : Lineage(candidateTrainer.Parameters, parameters),
            champion?.Id);
        var version = new ModelVersion(
            request.VersionId,
            request.ModelType,
            decision.Passed ? ModelStatus.Approved : ModelStatus.Rejected,
            nowMs,
            lineage,
            result,
            decision,
            Error: null)
        {
            ArtefactItems = artefact.Count,
        };
        return new TrainingResult(version, artefact);
    }

    private static List<Interaction> Interactions(IEnumerable<EngagementEvent> events, EventWeights weights) =>
        [.. events.Select(e => Interaction(e, weights))];

    private static Interaction Interaction(EngagementEvent e, EventWeights weights) => new(e.UserId, e.ItemId, e.OccurredAtMs, (float)weights.WeightOf(e));

    /// <summary>
    /// The trainer's settings, the serving settings the request named or the job chose, and what the selections
    /// recorded (where and how well each member and the blend were chosen).
    /// </summary>
    private static Dictionary<string, string> Lineage(IReadOnlyDictionary<string, string> trainer, IReadOnlyDictionary<string, string> resolved)
    {
        var lineage = new Dictionary<string, string>(trainer, StringComparer.Ordinal);
        foreach (var (name, value) in ConfigModelSettings.Named(resolved))
        {
            lineage.TryAdd(name, value);
        }

        foreach (var (name, value) in resolved)
        {
            if (name is EnsembleSelection.ChosenOn or ServingSelection.ChosenOn || name.EndsWith("." + EnsembleSelection.ValidationNdcg, StringComparison.Ordinal))
            {
                lineage.TryAdd(name, value);
            }
        }

        return lineage;
    }

    /// <summary>
    /// The recommender settings a version's lists are built with, on the deployment's: a config version's own
    /// set, the serving settings a trained version names (none: the deployment's).
    /// </summary>
    private RecommenderOptions RecommenderOf(string modelType, IReadOnlyDictionary<string, string> parameters, bool ignoreUnknown) =>
        modelType == ModelTrainerFactory.ConfigModelType
            ? ConfigModelSettings.Apply(replay.Recommender, parameters, ignoreUnknown)
            : ConfigModelSettings.Apply(replay.Recommender, ConfigModelSettings.Named(parameters));
}
