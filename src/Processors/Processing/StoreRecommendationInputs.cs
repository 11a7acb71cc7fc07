using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>Adapts the catalog and item-stats global tables and the shared trending index to the recommender.</summary>
internal sealed class StoreRecommendationInputs(
    IReadOnlyKeyValueStore<string, CatalogItem> catalog, IReadOnlyKeyValueStore<string, ItemStats> stats, TrendingIndex trending)
    : IRecommendationInputs
{
    public TrendingIndex Trending => trending;

    public CatalogItem? FindItem(string itemId) => catalog.Get(itemId);

    public ItemStats? FindStats(string itemId) => stats.Get(itemId);
}
