namespace RecoStreams.Processors.Lifecycle;

/// <summary>Where a model version is in its life. Which version serves is the activation pointer, not a status.</summary>
public enum ModelStatus
{
    /// <summary>The batch job is reading history, training or evaluating.</summary>
    Training,

    /// <summary>Trained, evaluated and passed the gate: eligible to serve (and activated at once by the job).</summary>
    Approved,

    /// <summary>Trained and evaluated, but worse than the champion: serves only by a logged admin override.</summary>
    Rejected,

    /// <summary>The job failed; <see cref="ModelVersion.Error"/> says why.</summary>
    Failed,
}

/// <summary>Ranking quality of one model on the held-out slice (binary relevance, top 10).</summary>
public sealed record HoldoutMetrics(int Users, double NdcgAt10, double MapAt10, double Coverage);

/// <summary>A paired mean difference (candidate minus champion, per held-out user) with its 95 % interval.</summary>
public sealed record MetricDifference(double Mean, double StandardError, double Lower, double Upper);

/// <summary>The candidate and the champion measured on the same held-out users after training on the same slice.</summary>
public sealed record ModelEvaluation(HoldoutMetrics Candidate, HoldoutMetrics? Champion, MetricDifference? NdcgDifference);

/// <summary>What a version was trained from and with: enough to retrain it, and to tell why two versions differ.</summary>
/// <param name="DataStartMs">First event time read (inclusive).</param>
/// <param name="DataEndMs">Last event time read (exclusive).</param>
/// <param name="HoldoutStartMs">Events from here on were held out for evaluation; the artefact is trained on all of them.</param>
/// <param name="CodeVersion">The informational version of the build that trained it.</param>
/// <param name="Parameters">The trainer's settings, as text.</param>
/// <param name="ChampionId">The version it was compared with; null when none served.</param>
public sealed record ModelLineage(
    long DataStartMs,
    long DataEndMs,
    long HoldoutStartMs,
    int Events,
    string CodeVersion,
    IReadOnlyDictionary<string, string> Parameters,
    string? ChampionId);

/// <summary>The gate's verdict and its reason in words.</summary>
public sealed record GateDecision(bool Passed, string Reason);

/// <summary>One trained model version: its manifest on the models topic (the artefact is published beside it).</summary>
public sealed record ModelVersion(
    string Id,
    string ModelType,
    ModelStatus Status,
    long CreatedAtMs,
    ModelLineage? Lineage,
    ModelEvaluation? Evaluation,
    GateDecision? Gate,
    string? Error)
{
    /// <summary>Item neighbour lists published for this version (0 for the config model).</summary>
    public int ArtefactItems { get; init; }
}

/// <summary>Which version serves, since when, and who switched it (the activation log's one record).</summary>
/// <param name="Override">True when an admin activated a version the gate refused.</param>
public sealed record ModelActivation(string VersionId, long ActivatedAtMs, string ActivatedBy, string Reason, bool Override);
