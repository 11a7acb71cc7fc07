namespace RecoStreams.Topology;

/// <summary>Names of RecoStreams' state stores (their changelogs are "{applicationId}-{name}-changelog").</summary>
public static class RecoStoreNames
{
    public const string EventIds = "event-ids";
    public const string PendingEnrichment = "pending-enrichment";
    public const string Profiles = "user-profiles";
    public const string DirtyUsers = "dirty-users";
    public const string Recommendations = "recommendations";
    public const string ItemAggregates = "item-aggregates";
    public const string ItemCounts = "item-counts";
    public const string DirtyItems = "dirty-items";

    /// <summary>Per experiment (key) and tumbling window: counts per variant.</summary>
    public const string ExperimentCounts = "experiment-counts";

    /// <summary>Prefix of the attribution join's window stores ("attribution-this-join", ...).</summary>
    public const string Attribution = "attribution";

    /// <summary>Erase time per erased user, keyed by the user-id hash (never the id).</summary>
    public const string EraseWatermarks = "erase-watermarks";

    /// <summary>Global stores, replicated on every instance.</summary>
    public const string Catalog = "catalog";
    public const string ItemStats = "item-stats";
    public const string Experiments = "experiments";
    public const string Consents = "consents";

    /// <summary>Model manifests, trained neighbour lists and the activation (the models topic's global table).</summary>
    public const string Models = "models";

    /// <summary>
    /// One window store of panes per popularity window size, e.g. "popularity-panes-1h" (named apart from the
    /// former per-window stores so their changelogs are never restored as panes).
    /// </summary>
    public static string Popularity(string windowLabel) => $"popularity-panes-{windowLabel}";
}
