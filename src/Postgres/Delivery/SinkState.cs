namespace RecoStreams.Postgres.Delivery;

/// <summary>The mirror's health as a health check reports it.</summary>
public enum SinkState
{
    /// <summary>The last write committed, or nothing has failed yet.</summary>
    Healthy,

    /// <summary>Writes are failing and being retried; the source is not being consumed meanwhile.</summary>
    Retrying,

    /// <summary>A non-transient error outlasted its retries; the worker has stopped.</summary>
    Failed,
}
