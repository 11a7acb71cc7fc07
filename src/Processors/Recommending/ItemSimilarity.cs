using System.Numerics;
using System.Runtime.CompilerServices;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Similarity used for diversity: the co-visitation similarity when either item lists the other as a
/// neighbour (behaviour knows best), otherwise the Jaccard index of their genre sets. An item's neighbour
/// lookup is built once per <see cref="ItemStats"/> instance and lives as long as it does: inputs that
/// cache decoded stats (<see cref="Processing.ItemReadCache"/>, the offline replay) share it across lists.
/// </summary>
internal sealed class ItemSimilarity(IRecommendationInputs inputs)
{
    private static readonly ConditionalWeakTable<ItemStats, NeighbourLookup> Lookups = [];
    private static readonly ConditionalWeakTable<ItemStats, NeighbourLookup>.CreateValueCallback BuildLookup =
        stats => new NeighbourLookup(stats.Neighbours);

    // The thread's pool, reused list after list (its arrays were a third of the bytes a list allocated).
    [ThreadStatic]
    private static PoolSimilarity? t_pool;

    /// <summary>
    /// Pairwise similarity within one re-rank pool. An item's neighbour lookup is fetched, and its genre set made a
    /// bit mask, and its id hashed, when MMR first compares it (MMR compares only the candidates it reaches), so each
    /// comparison costs two probes of neighbour tables and a popcount. Valid until the thread asks for another pool.
    /// </summary>
    public PoolSimilarity Pool(IReadOnlyList<CatalogItem> items) => (t_pool ??= new PoolSimilarity()).Begin(items, this);

    /// <summary>|A ∩ B| / |A ∪ B| over distinct genres. Genre lists are a handful long and this runs for every
    /// pair MMR compares, so it counts with nested loops instead of allocating sets.</summary>
    public static double GenreJaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var distinctA = DistinctCount(a);
        var distinctB = DistinctCount(b);
        var intersection = 0;
        for (var i = 0; i < b.Count; i++)
        {
            if (IsFirstOccurrence(b, i) && Contains(a, b[i]))
            {
                intersection++;
            }
        }

        return (double)intersection / (distinctA + distinctB - intersection);
    }

    private static int DistinctCount(IReadOnlyList<string> values)
    {
        var count = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (IsFirstOccurrence(values, i))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether values[index] is the first of its value in the list (lists of genres or creators are a handful long).</summary>
    internal static bool IsFirstOccurrence(IReadOnlyList<string> values, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(values[j], values[index], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private NeighbourLookup NeighboursOf(string itemId) =>
        inputs.FindStats(itemId) is { } stats ? Lookups.GetValue(stats, BuildLookup) : NeighbourLookup.Empty;

    /// <summary>
    /// The co-visitation similarity when either item lists the other as a neighbour, otherwise the Jaccard index
    /// of their genre sets (from masks: |A ∩ B| and |A ∪ B| are popcounts, the same integers as the lists give).
    /// </summary>
    internal sealed class PoolSimilarity
    {
        // One bit per distinct genre met so far; an item whose genres need a 65th bit is compared by its list.
        private readonly Dictionary<string, int> _genreBits = new(32, StringComparer.Ordinal);
        private IReadOnlyList<CatalogItem> _items = [];
        private ItemSimilarity? _similarity;
        private NeighbourLookup?[] _neighbours = [];
        private int[] _hashes = [];
        private ulong?[] _genres = [];
        private bool[] _masked = [];

        /// <summary>Forgets the previous pool's items.</summary>
        public PoolSimilarity Begin(IReadOnlyList<CatalogItem> items, ItemSimilarity similarity)
        {
            var n = items.Count;
            if (_neighbours.Length < n)
            {
                (_neighbours, _hashes, _genres, _masked) = (new NeighbourLookup?[n], new int[n], new ulong?[n], new bool[n]);
            }
            else
            {
                Array.Clear(_neighbours, 0, n);
                Array.Clear(_masked, 0, n);
            }

            (_items, _similarity) = (items, similarity);
            _genreBits.Clear();
            return this;
        }

        public double Between(int i, int j)
        {
            var (a, b) = (_items[i], _items[j]);
            var (fromA, fromB) = (NeighboursAt(i), NeighboursAt(j));
            var ab = fromA.SimilarityTo(b.ItemId, _hashes[j]);
            var ba = fromB.SimilarityTo(a.ItemId, _hashes[i]);
            var behavioural = Math.Max(ab, ba);
            if (behavioural > 0)
            {
                return behavioural;
            }

            if (GenresAt(i) is not { } x || GenresAt(j) is not { } y)
            {
                return GenreJaccard(a.Genres, b.Genres);
            }

            return x == 0 || y == 0 ? 0 : (double)BitOperations.PopCount(x & y) / BitOperations.PopCount(x | y);
        }

        // Sets the item's id hash with its neighbours: both are read from the first comparison on.
        private NeighbourLookup NeighboursAt(int i)
        {
            if (_neighbours[i] is { } known)
            {
                return known;
            }

            var id = _items[i].ItemId;
            _hashes[i] = NeighbourLookup.Hash(id);
            return _neighbours[i] = _similarity!.NeighboursOf(id);
        }

        private ulong? GenresAt(int i)
        {
            if (!_masked[i])
            {
                _masked[i] = true;
                _genres[i] = Mask(_items[i].Genres);
            }

            return _genres[i];
        }

        private ulong? Mask(IReadOnlyList<string> genres)
        {
            var mask = 0UL;
            foreach (var genre in genres)
            {
                if (!_genreBits.TryGetValue(genre, out var bit))
                {
                    if (_genreBits.Count == 64)
                    {
                        return null;
                    }

                    _genreBits[genre] = bit = _genreBits.Count;
                }

                mask |= 1UL << bit;
            }

            return mask;
        }
    }
}
