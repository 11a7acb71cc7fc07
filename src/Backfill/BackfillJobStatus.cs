namespace RecoStreams.Backfill;

public enum BackfillJobState
{
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>What GET /admin/backfill/{id} reports about one on-demand backfill.</summary>
public sealed record BackfillJobStatus(
    string Id,
    BackfillJobState State,
    int Done,
    int Total,
    double RatePerSecond,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
