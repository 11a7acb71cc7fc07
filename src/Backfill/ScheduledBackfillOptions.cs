namespace RecoStreams.Backfill;

/// <summary>The nightly backfill, bound from the "Backfill" configuration section.</summary>
public sealed class ScheduledBackfillOptions
{
    public const string SectionName = "Backfill";

    /// <summary>Off unless configured: a backfill costs every user a recompute.</summary>
    public bool Enabled { get; set; }

    /// <summary>Five-field cron expression in UTC. Default "0 3 * * *": 03:00 every day.</summary>
    public string Schedule { get; set; } = "0 3 * * *";

    /// <summary>Refresh requests per second this instance produces at most. Default <see cref="BackfillRunner.DefaultRatePerSecond"/>.</summary>
    public double RatePerSecond { get; set; } = BackfillRunner.DefaultRatePerSecond;
}
