namespace RecoStreams.Postgres.Delivery;

/// <summary>Retry settings of the <see cref="PostgresSinkWorker"/>.</summary>
public sealed class PostgresSinkOptions
{
    /// <summary>First retry delay; later ones grow exponentially, with jitter so instances do not retry in step.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on the delay between retries, which bounds how late the mirror notices a recovered database.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries for a non-transient error (bad data, missing table) before the worker reports Failed and stops.
    /// Transient errors (database down or restarting) are retried without limit.
    /// </summary>
    public int NonTransientRetries { get; init; } = 3;
}
