using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Keeps the catalog global store: upserts items, deletes on a tombstone (an item removed from the
/// compacted topic), and drops a removed item from the trending index so it is not recommended.
/// </summary>
public sealed class CatalogTableProcessor(string storeName, TrendingIndex trending) : IProcessor<string, CatalogItem>
{
    private IKeyValueStore<string, CatalogItem>? _store;

    public void Init(IProcessorContext<string, CatalogItem> context) =>
        _store = context.GetStateStore<IKeyValueStore<string, CatalogItem>>(storeName);

    public void Process(Record<string, CatalogItem> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
            trending.Remove(record.Key);
            return;
        }

        _store!.Put(record.Key, record.Value);
    }

    public void Close()
    {
    }
}

/// <summary>
/// Keeps the item-stats global store and feeds the trending index (overall, per genre, per creator and
/// language when the catalog knows the item) from each published <see cref="ItemStats"/>.
/// </summary>
public sealed class ItemStatsTableProcessor(string storeName, string catalogStoreName, TrendingIndex trending) : IProcessor<string, ItemStats>
{
    private IKeyValueStore<string, ItemStats>? _store;
    private IKeyValueStore<string, CatalogItem>? _catalog;

    public void Init(IProcessorContext<string, ItemStats> context)
    {
        _store = context.GetStateStore<IKeyValueStore<string, ItemStats>>(storeName);
        _catalog = context.GetStateStore<IKeyValueStore<string, CatalogItem>>(catalogStoreName);
    }

    public void Process(Record<string, ItemStats> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
            trending.Remove(record.Key);
            return;
        }

        var stats = record.Value;
        _store!.Put(record.Key, stats);
        var item = _catalog!.Get(record.Key);
        var facets = stats.Genres.Select(TrendingIndex.Genre)
            .Concat(item?.Creators.Select(TrendingIndex.Creator) ?? [])
            .Concat(item?.Language is { } language ? [TrendingIndex.Language(language)] : []);
        trending.Update(record.Key, stats.DecayedPopularity, stats.UpdatedAtMs, facets);
    }

    public void Close()
    {
    }
}
