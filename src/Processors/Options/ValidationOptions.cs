namespace RecoStreams.Processors.Options;

public sealed class ValidationOptions
{
    /// <summary>Events stamped further than this ahead of the processing clock are rejected. Default 5 min.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event id seen again within this window is a duplicate. Default 24 h.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired dedup entries are purged (wall clock). Default 1 min.</summary>
    public TimeSpan DedupPurgeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events waiting for their catalog item are dropped to the DLQ after this. Default 10 min.</summary>
    public TimeSpan PendingEnrichmentTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often parked events are re-checked against the catalog and expired (wall clock). Default 1 s.</summary>
    public TimeSpan PendingRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many events wait per missing item; the oldest is dead-lettered beyond it. Default 100.</summary>
    public int PendingPerItemCapacity { get; set; } = 100;
}
