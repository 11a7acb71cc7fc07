using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// What the recommender reads besides the profile: the catalog and item-stats tables and the trending
/// index. Processors adapt their stores to it; the offline replay uses dictionaries.
/// </summary>
public interface IRecommendationInputs
{
    CatalogItem? FindItem(string itemId);

    ItemStats? FindStats(string itemId);

    TrendingIndex Trending { get; }
}
