using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Adapts the catalog and item-stats global tables and the shared trending index to the recommender,
/// reading through the instance's <see cref="ItemReadCache"/>, and the models global table's active version.
/// </summary>
internal sealed class StoreRecommendationInputs(
    IReadOnlyKeyValueStore<string, CatalogItem> catalog,
    IReadOnlyKeyValueStore<string, ItemStats> stats,
    TrendingIndex trending,
    ItemReadCache cache,
    TrainedNeighbours? trained)
    : IRecommendationInputs
{
    private readonly Func<string, CatalogItem?> _readItem = catalog.Get;
    private readonly Func<string, ItemStats?> _readStats = stats.Get;

    public TrendingIndex Trending => trending;

    public CatalogItem? FindItem(string itemId) => cache.Item(itemId, _readItem);

    public ItemStats? FindStats(string itemId) => cache.Stats(itemId, _readStats);

    // The instance's one read cache over its one catalog global store: the cache's version is what FindItem follows.
    public ICatalogVersion? Catalog => cache;

    public string? ModelVersion => trained?.VersionId;

    /// <summary>Takes the serving model version for the next list (see <see cref="TrainedNeighbours.Pin"/>).</summary>
    public void PinModelVersion() => trained?.Pin();

    public IReadOnlyList<Neighbour> FindTrainedNeighbours(string itemId) => trained?.Of(itemId) ?? [];
}
