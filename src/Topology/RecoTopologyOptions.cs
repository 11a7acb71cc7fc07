using RecoStreams.Processors.Options;
using RecoStreams.Streams.RocksDb;

namespace RecoStreams.Topology;

/// <summary>Where the topology keeps its local state.</summary>
public enum StateStoreKind
{
    /// <summary>RocksDB under the state directory: survives restarts, restores only the changelog tail.</summary>
    RocksDb,

    /// <summary>In memory: rebuilt from changelogs on every start (tests, short-lived replays).</summary>
    InMemory,
}

/// <summary>Everything that shapes the RecoStreams topology; the domain's own options are nested.</summary>
public sealed class RecoTopologyOptions
{
    public required string ApplicationId { get; init; }

    public StateStoreKind StateStores { get; init; } = StateStoreKind.RocksDb;

    public RocksDbOptions RocksDb { get; init; } = RocksDbOptions.Default;

    public ValidationOptions Validation { get; init; } = new();

    public AffinityOptions Affinity { get; init; } = new();

    public CoVisitationOptions CoVisitation { get; init; } = new();

    public PopularityOptions Popularity { get; init; } = new();

    public RecommenderOptions Recommender { get; init; } = new();

    public UserClassOptions UserClasses { get; init; } = new();

    public ExperimentOptions Experiments { get; init; } = new();

    public PrivacyOptions Privacy { get; init; } = new();
}
