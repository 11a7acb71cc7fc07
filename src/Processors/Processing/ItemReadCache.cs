using System.Collections.Concurrent;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Decoded catalog items and item stats, shared by every recompute of the instance. A list reads hundreds
/// of them (seeds, candidates, MMR's neighbour lists), each a store lookup plus a decode, and consecutive
/// recomputes read mostly the same items. The global-table processors drop an item when its row changes
/// (after writing the store), so a hit answers what the store holds. A read racing such a change is not
/// kept: every change bumps a version, and a value read while the version moved is returned uncached.
/// Memory is bounded by <paramref name="capacity"/> items per table; a full table starts over. The bound is checked
/// against an approximate count of insertions: ConcurrentDictionary.Count takes every lock of the table, and
/// a recompute that missed on hundreds of items (stats republished since the last list) spent more time
/// counting than reading.
/// </summary>
public sealed class ItemReadCache(int capacity)
{
    private readonly ConcurrentDictionary<string, CatalogItem?> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ItemStats?> _stats = new(StringComparer.Ordinal);
    private long _version;
    private int _itemInsertions;
    private int _statsInsertions;

    /// <summary>The catalog row of <paramref name="itemId"/> changed (or was removed).</summary>
    public void ItemChanged(string itemId)
    {
        Interlocked.Increment(ref _version);
        _items.TryRemove(itemId, out _);
    }

    /// <summary>The item-stats row of <paramref name="itemId"/> changed (or was removed).</summary>
    public void StatsChanged(string itemId)
    {
        Interlocked.Increment(ref _version);
        _stats.TryRemove(itemId, out _);
    }

    public CatalogItem? Item(string itemId, Func<string, CatalogItem?> read) => Get(_items, ref _itemInsertions, itemId, read);

    public ItemStats? Stats(string itemId, Func<string, ItemStats?> read) => Get(_stats, ref _statsInsertions, itemId, read);

    private T? Get<T>(ConcurrentDictionary<string, T?> table, ref int insertions, string itemId, Func<string, T?> read)
        where T : class
    {
        if (table.TryGetValue(itemId, out var cached))
        {
            return cached;
        }

        var version = Interlocked.Read(ref _version);
        var value = read(itemId);
        if (Interlocked.Read(ref _version) == version)
        {
            if (Interlocked.Increment(ref insertions) > capacity)
            {
                table.Clear();
                Interlocked.Exchange(ref insertions, 1);
            }

            table[itemId] = value;
        }

        return value;
    }
}
