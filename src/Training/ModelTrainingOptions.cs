using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Training;

/// <summary>Model training and its nightly schedule, bound from the "Models" configuration section.</summary>
public sealed class ModelTrainingOptions
{
    public const string SectionName = "Models";

    /// <summary>Runs the nightly training when true. Off unless configured.</summary>
    public bool ScheduleEnabled { get; set; }

    /// <summary>Five-field cron expression in UTC. Default "0 2 * * *": 02:00 every day.</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>The model type the nightly run trains. Default "ease".</summary>
    public string ScheduledModelType { get; set; } = "ease";

    /// <summary>How far back the nightly run reads. Default 30 days.</summary>
    public TimeSpan ScheduledLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most recent share of the range's events held out for evaluation (one time cut for everyone). Default 0.2.</summary>
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>Trained neighbours kept per item in the published artefact. Default 50.</summary>
    public int NeighboursPerItem { get; set; } = 50;

    /// <summary>Held-out users scored at most per model (the first in ordinal order of id). Default 5,000.</summary>
    public int MaxHoldoutUsers { get; set; } = 5_000;

    /// <summary>Events one job may hold in memory; a longer range fails the job. Default 5,000,000.</summary>
    public int MaxEvents { get; set; } = 5_000_000;

    /// <summary>How long reading the history may take. Default 10 min.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The most recently created versions kept on the models topic after a job (with the active version and its
    /// previous champions); the others' manifests and artefacts are tombstoned. Default 5.
    /// </summary>
    public int RetainedVersions { get; set; } = 5;

    /// <summary>Champions kept behind the active version for rollback (its champion, that one's, ...). Default 2.</summary>
    public int RetainedChampions { get; set; } = 2;

    /// <summary>
    /// How long a retention run or an activation waits to read its own write back through this instance's models
    /// table, which tells which of the two came first on the topic when they race. Default 10 s.
    /// </summary>
    public TimeSpan ReadBackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public PromotionGateOptions Gate { get; set; } = new();
}
