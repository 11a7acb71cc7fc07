using RecoStreams.Hosting.Http;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.State;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Interactive queries against the local stores of a running <see cref="KafkaStreams"/>; a user's partition
/// is <see cref="KeyPartitions.UserPartition"/>.
/// </summary>
public sealed class KafkaStreamsRecommendationQueries(KafkaStreams streams, RecoStreamsTopology topology, IPartitionCountSource partitions)
    : IRecommendationQueries
{
    /// <summary>Trained neighbour lists one read-path list may decode before its cache starts over.</summary>
    private const int NeighbourListsPerRequest = 1_000;

    public IRecommendationInputs Inputs => InputsWith(topology.ActiveModel);

    public IRecommendationInputs InputsForModel(string modelVersion)
    {
        var pinned = new ActiveModel();
        pinned.Set(new ModelActivation(modelVersion, ActivatedAtMs: 0, ActivatedBy: "experiment", Reason: "an experiment variant's model version", Override: false));
        return InputsWith(pinned);
    }

    private ModelNeighbourInputs InputsWith(ActiveModel model)
    {
        EnsureQueryable();
        var tables = new GlobalTableInputs(
            streams.GlobalStore<IReadOnlyKeyValueStore<string, CatalogItem>>(RecoStoreNames.Catalog),
            streams.GlobalStore<IReadOnlyKeyValueStore<string, ItemStats>>(RecoStoreNames.ItemStats),
            topology.Trending);
        var trained = new TrainedNeighbours(Models(), model, NeighbourListsPerRequest);

        // Pinned once per request: every list built from these inputs blends and names one version.
        trained.Pin();
        return new ModelNeighbourInputs(tables, trained);
    }

    public Recommender RecommenderFor(IRecommendationInputs inputs, Recommender deployment)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.ModelVersion is null
            ? deployment
            : topology.Recommenders.For(inputs.ModelVersion, id => (Models().Get(ModelRecordKeys.Manifest(id)) as ModelManifestRecord)?.Version);
    }

    private IReadOnlyKeyValueStore<string, ModelRecord> Models() => streams.GlobalStore<IReadOnlyKeyValueStore<string, ModelRecord>>(RecoStoreNames.Models);

    public RecommendationList? Recommendations(string userId) => ReadUser<RecommendationList>(RecoStoreNames.Recommendations, userId);

    public UserProfile? Profile(string userId) => ReadUser<UserProfile>(RecoStoreNames.Profiles, userId);

    public IReadOnlyList<string> LocalUserIds()
    {
        EnsureQueryable();
        var ids = new List<string>();
        foreach (var store in streams.Stores<IReadOnlyKeyValueStore<string, UserProfile>>(RecoStoreNames.Profiles).Values)
        {
            using var all = store.All();
            while (all.MoveNext())
            {
                ids.Add(all.Current.Key);
            }
        }

        // A rebalance during the scan may have closed a store half-way: only a stable state is a full answer.
        EnsureQueryable();
        return ids;
    }

    private TValue? ReadUser<TValue>(string storeName, string userId)
        where TValue : class
    {
        EnsureQueryable();
        var partition = partitions.UserPartition(userId) ?? throw QueryUnavailable.NoPartitionCount(RecoTopics.EngagementEvents);
        try
        {
            return streams.Store<IReadOnlyKeyValueStore<string, TValue>>(storeName, partition).Get(userId);
        }
        catch (InvalidOperationException)
        {
            // Store() throws when the partition's task is not assigned here; a store closed by a rebalance
            // between lookup and read throws ObjectDisposedException (also an InvalidOperationException).
            throw QueryUnavailable.NotLocal(partition);
        }
    }

    /// <summary>Only Running means every local task finished restoring and no partition is moving.</summary>
    private void EnsureQueryable()
    {
        var state = streams.State;
        if (state != KafkaStreamsState.Running)
        {
            throw QueryUnavailable.NotRunning(state.ToString());
        }
    }
}
