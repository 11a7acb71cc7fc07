using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Remembers catalog and item-stats reads for one recompute pass. Users recomputed in the same
/// punctuation share most candidates, and every read from a global store is a store lookup plus a decode
/// (hundreds per list: seeds, candidates, MMR's neighbour lists). A pass lasts one punctuation, so an
/// answer is at most that much older than the table; the memo is dropped with the pass.
/// </summary>
internal sealed class MemoizedRecommendationInputs(IRecommendationInputs inner) : IRecommendationInputs
{
    private readonly Dictionary<string, CatalogItem?> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemStats?> _stats = new(StringComparer.Ordinal);

    public TrendingIndex Trending => inner.Trending;

    public CatalogItem? FindItem(string itemId)
    {
        if (!_items.TryGetValue(itemId, out var item))
        {
            _items[itemId] = item = inner.FindItem(itemId);
        }

        return item;
    }

    public ItemStats? FindStats(string itemId)
    {
        if (!_stats.TryGetValue(itemId, out var stats))
        {
            _stats[itemId] = stats = inner.FindStats(itemId);
        }

        return stats;
    }
}
