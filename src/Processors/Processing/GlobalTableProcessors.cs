using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Keeps the catalog global store: upserts items, deletes on a tombstone (an item removed from the
/// compacted topic). It tells the trending index each item's creator and language facets, and drops a
/// removed item from it so it is not recommended, and drops the item from the recomputes' read cache. The
/// index lives in memory: at start it is rebuilt from the items the persistent store already holds, since
/// only records after the store's checkpoint are read again.
/// </summary>
public sealed class CatalogTableProcessor(string storeName, TrendingIndex trending, ItemReadCache cache) : IProcessor<string, CatalogItem>
{
    private IKeyValueStore<string, CatalogItem>? _store;

    public void Init(IProcessorContext<string, CatalogItem> context)
    {
        _store = context.GetStateStore<IKeyValueStore<string, CatalogItem>>(storeName);
        using var all = _store.All();
        while (all.MoveNext())
        {
            SetFacets(all.Current.Value);
        }
    }

    public void Process(Record<string, CatalogItem> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
            cache.ItemChanged(record.Key);
            trending.SetCatalogFacets(record.Key, null);
            return;
        }

        _store!.Put(record.Key, record.Value);
        cache.ItemChanged(record.Key);
        SetFacets(record.Value);
    }

    private void SetFacets(CatalogItem item) =>
        trending.SetCatalogFacets(item.ItemId, item.Creators.Select(TrendingIndex.Creator)
            .Concat(item.Language is { } language ? [TrendingIndex.Language(language)] : []));

    public void Close()
    {
    }
}

/// <summary>
/// Keeps the item-stats global store and feeds the trending index (overall and per genre here; the
/// catalog processor adds creator and language facets) from each published <see cref="ItemStats"/>, and
/// hands the decoded stats to the recomputes' read cache. At start the index is rebuilt from the stats the
/// persistent store already holds (a restart reads only what was published after the store's checkpoint),
/// so new users get trending lists right away.
/// </summary>
public sealed class ItemStatsTableProcessor(string storeName, TrendingIndex trending, ItemReadCache cache) : IProcessor<string, ItemStats>
{
    private IKeyValueStore<string, ItemStats>? _store;

    public void Init(IProcessorContext<string, ItemStats> context)
    {
        _store = context.GetStateStore<IKeyValueStore<string, ItemStats>>(storeName);
        using var all = _store.All();
        while (all.MoveNext())
        {
            Index(all.Current.Key, all.Current.Value);
        }
    }

    public void Process(Record<string, ItemStats> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
            cache.StatsChanged(record.Key);
            trending.Remove(record.Key);
            return;
        }

        _store!.Put(record.Key, record.Value);
        cache.StatsPublished(record.Key, record.Value);
        Index(record.Key, record.Value);
    }

    private void Index(string itemId, ItemStats stats) =>
        trending.Update(itemId, stats.DecayedPopularity, stats.UpdatedAtMs, stats.Genres.Select(TrendingIndex.Genre));

    public void Close()
    {
    }
}
