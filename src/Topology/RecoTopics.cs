namespace RecoStreams.Topology;

/// <summary>The topics RecoStreams reads and writes (see docs/architecture in the README).</summary>
public sealed record RecoTopics(string ApplicationId)
{
    public const string EngagementEvents = "engagement-events";

    public const string CatalogItems = "catalog-items";

    public const string RecommendationUpdated = "recommendation-updated";

    public const string EngagementEventsDeadLetter = "engagement-events-dlq";

    public const string RecommendationFeedback = "recommendation-feedback";

    /// <summary>Audit log of model training jobs starting (ModelTrainingStarted).</summary>
    public const string ModelTrainingStarted = "model-training-started";

    /// <summary>Audit log of model training jobs ending, with metrics and the gate's verdict (ModelTrainingCompleted).</summary>
    public const string ModelTrainingCompleted = "model-training-completed";

    /// <summary>Exposures: every served list, keyed by user (co-partitioned with the feedback on it).</summary>
    public const string RecommendationServed = "recommendation-served";

    /// <summary>Audit of removed personal data (UserErased, keyed by user-id hash); append-only, retention in docs/privacy.md.</summary>
    public const string UserErased = "user-erased";

    /// <summary>Where Confluent-compatible schema registries keep their log.</summary>
    public const string Schemas = "_schemas";

    /// <summary>Users whose list the query API asked to recompute now; co-partitioned with the events.</summary>
    public string RefreshRequests => $"{ApplicationId}-refresh-requests";

    /// <summary>Erase requests keyed by user id; co-partitioned with the events so the user's owner task erases.</summary>
    public string EraseRequests => $"{ApplicationId}-erase-requests";

    /// <summary>Users' consent to personalisation, compacted, read back by every instance as a global table.</summary>
    public string Consents => $"{ApplicationId}-consents";

    /// <summary>Per-item statistics, compacted, read back by every instance as a global table.</summary>
    public string ItemStats => $"{ApplicationId}-item-stats";

    /// <summary>Experiment definitions, compacted, read by every instance as a global table.</summary>
    public string Experiments => $"{ApplicationId}-experiments";

    /// <summary>
    /// Model versions, their trained neighbour lists and the activation, compacted, read by every instance as
    /// a global table. One partition, so an activation is never read before the artefact published ahead of it.
    /// </summary>
    public string Models => $"{ApplicationId}-models";

    /// <summary>
    /// Topics the application expects to exist (the runtime creates its own changelog and repartition
    /// topics). Keyed topics share one partition count so users' events and lists co-partition.
    /// </summary>
    public IReadOnlyList<(string Topic, bool Compacted, bool Keyed)> External =>
    [
        (EngagementEvents, false, true),
        (CatalogItems, true, true),
        (RecommendationUpdated, false, true),
        (EngagementEventsDeadLetter, false, true),
        (RecommendationFeedback, false, true),
        (RecommendationServed, false, true),
        (Experiments, true, false),
        (ItemStats, true, true),
        (RefreshRequests, false, true),
        (Models, true, false),
        (ModelTrainingStarted, false, false),
        (ModelTrainingCompleted, false, false),
        (EraseRequests, false, true),
        (Consents, true, true),
        (UserErased, false, false),
        (Schemas, true, false),
    ];
}
