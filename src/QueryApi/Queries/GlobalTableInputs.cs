using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.State;

namespace RecoStreams.QueryApi.Queries;

/// <summary>The catalog and item-stats global tables and the trending index, as the recommender reads them.</summary>
public sealed class GlobalTableInputs(
    IReadOnlyKeyValueStore<string, CatalogItem> catalog, IReadOnlyKeyValueStore<string, ItemStats> stats, TrendingIndex trending)
    : IRecommendationInputs
{
    public TrendingIndex Trending => trending;

    public CatalogItem? FindItem(string itemId) => catalog.Get(itemId);

    public ItemStats? FindStats(string itemId) => stats.Get(itemId);
}
