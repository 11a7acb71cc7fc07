using System.Collections.Concurrent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Decoded catalog items and item stats, shared by every recompute of the instance. A list reads hundreds
/// of them (seeds, candidates, MMR's neighbour lists), each a store lookup plus a decode, and consecutive
/// recomputes read mostly the same items. The global-table processors drop an item when its row changes
/// (after writing the store), so a hit answers what the store holds. A read racing such a change is not
/// kept: every change bumps a version, and a value read while the version moved is returned uncached (the version
/// is checked after the value is added, and the value taken out again if it moved).
/// Memory is bounded by <paramref name="capacity"/> items per table (see <see cref="Generations{T}"/>).
/// <see cref="CatalogVersion"/> moves after a catalog change has dropped its item and after a racing read's value was
/// taken out again, so a version read before a thread's reads that still holds afterwards says none of them was stale.
/// </summary>
public sealed class ItemReadCache(int capacity) : ICatalogVersion
{
    private readonly Generations<CatalogItem> _items = new(capacity);
    private readonly Generations<ItemStats> _stats = new(capacity);
    private long _version;

    /// <inheritdoc/>
    public long CatalogVersion => _items.Settled;

    /// <summary>The catalog row of <paramref name="itemId"/> changed (or was removed).</summary>
    public void ItemChanged(string itemId)
    {
        Interlocked.Increment(ref _version);
        _items.Remove(itemId);
    }

    /// <summary>The item-stats row of <paramref name="itemId"/> changed (or was removed).</summary>
    public void StatsChanged(string itemId)
    {
        Interlocked.Increment(ref _version);
        _stats.Remove(itemId);
    }

    /// <summary>
    /// The item-stats table now holds <paramref name="stats"/> for its item (already written to the store): the table
    /// processor decoded it anyway, so the recomputes and the by-item publication read it from here instead of
    /// reading and decoding the row again (what a drop made them do after every publication).
    /// </summary>
    public void StatsPublished(string itemId, ItemStats stats) => _stats.Replace(itemId, stats, ref _version);

    public CatalogItem? Item(string itemId, Func<string, CatalogItem?> read) => Get(_items, itemId, read);

    public ItemStats? Stats(string itemId, Func<string, ItemStats?> read) => Get(_stats, itemId, read);

    private T? Get<T>(Generations<T> table, string itemId, Func<string, T?> read)
        where T : class
    {
        if (table.TryGetYoung(itemId, out var cached))
        {
            return cached;
        }

        // A hit in the old generation is moved back like a fresh read, under the same version check.
        var version = Interlocked.Read(ref _version);
        var value = table.TryGetOld(itemId, out var old) ? old : read(itemId);

        // Checked after adding: a change landing between a check and the add found nothing to drop, and the value
        // read before it stayed cached until the item's next change. A change after this check drops it itself.
        table.Add(itemId, value);
        if (Interlocked.Read(ref _version) != version)
        {
            table.Remove(itemId, value);
        }

        return value;
    }

    /// <summary>
    /// Two generations of at most half the capacity each. Reads fill the young one; when it is full it becomes
    /// the old one and the previous old one is dropped, and an item read from the old one moves back into the
    /// young one. The items recomputes keep reading (the head of the catalog's popularity) survive a turnover,
    /// where a table that started over when full read them all again: with 100,000 items and the default capacity
    /// a recompute missed on most of its reads. The fill level is counted here, since
    /// <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock of the table on each call.
    /// </summary>
    private sealed class Generations<T>(int capacity)
        where T : class
    {
        private readonly int _generationCapacity = Math.Max(1, capacity / 2);
        private readonly Lock _turnover = new();
        private volatile ConcurrentDictionary<string, T?> _young = new(StringComparer.Ordinal);
        private volatile ConcurrentDictionary<string, T?> _old = new(StringComparer.Ordinal);
        private int _youngCount;
        private long _settled;

        /// <summary>Moves after every removal (a change's, or a racing read's value taken back out), once it is done.</summary>
        public long Settled => Interlocked.Read(ref _settled);

        public bool TryGetYoung(string itemId, out T? value) => _young.TryGetValue(itemId, out value);

        public bool TryGetOld(string itemId, out T? value) => _old.TryGetValue(itemId, out value);

        public void Add(string itemId, T? value)
        {
            var young = _young;
            if (!young.TryAdd(itemId, value) || Interlocked.Increment(ref _youngCount) < _generationCapacity)
            {
                return;
            }

            lock (_turnover)
            {
                if (ReferenceEquals(young, _young))
                {
                    _old = young;
                    _young = new(StringComparer.Ordinal);
                    Interlocked.Exchange(ref _youngCount, 0);
                }
            }
        }

        public void Remove(string itemId)
        {
            _young.TryRemove(itemId, out _);
            _old.TryRemove(itemId, out _);
            Interlocked.Increment(ref _settled);
        }

        /// <summary>
        /// Puts the current <paramref name="value"/> in the young generation, overwriting whatever a racing read added,
        /// so a read that took the old value before the store changed fails to add it afterwards. The version moves
        /// under the turnover lock: a racing read that adds its old value to a young generation created by a later
        /// turnover checks the version after this move and takes its value back out.
        /// </summary>
        public void Replace(string itemId, T value, ref long version)
        {
            lock (_turnover)
            {
                _old.TryRemove(itemId, out _);
                if (_young.TryAdd(itemId, value))
                {
                    if (Interlocked.Increment(ref _youngCount) >= _generationCapacity)
                    {
                        _old = _young;
                        _young = new(StringComparer.Ordinal);
                        Interlocked.Exchange(ref _youngCount, 0);
                    }
                }
                else
                {
                    _young[itemId] = value;
                }

                Interlocked.Increment(ref version);
                Interlocked.Increment(ref _settled);
            }
        }

        /// <summary>Drops <paramref name="itemId"/> only where it holds <paramref name="value"/> (what this read added).</summary>
        public void Remove(string itemId, T? value)
        {
            _young.TryRemove(KeyValuePair.Create(itemId, value));
            _old.TryRemove(KeyValuePair.Create(itemId, value));
            Interlocked.Increment(ref _settled);
        }
    }
}
