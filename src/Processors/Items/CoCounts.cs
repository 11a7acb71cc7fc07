using System.Collections;
using System.Numerics;
using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Items;

/// <summary>
/// One item's decayed co-visitation counts by other item, in the order the other items were first met. Kept in an
/// array rather than a dictionary so a publication can walk them and remember, next to each count, the number the
/// task's <see cref="NeighbourCountTable"/> gave the other item: the next publication then reads n_j by that number
/// instead of hashing the id again. Numbers are a cache of the table that set them, never stored or sent.
/// </summary>
public sealed class CoCounts : IReadOnlyCollection<KeyValuePair<string, DecayedScore>>
{
    private Entry[] _entries = [];

    // Open addressing over _entries, linear probing: position + 1 of an entry, 0 for an empty bucket. Each entry keeps
    // its id's hash in the struct's padding, so the table costs a few bytes per count on top of the entries, about
    // what the dictionary this replaced cost (an aggregate's counts are most of the by-item task's memory).
    private int[] _buckets = [];
    private int _count;

    /// <summary>How many other items have a count.</summary>
    public int Count => _count;

    /// <summary>The table generation whose numbers the entries hold (null: none).</summary>
    internal object? NumberedBy { get; private set; }

    /// <summary>The entries in order, for a walk that may set their numbers.</summary>
    internal Span<Entry> Entries => _entries.AsSpan(0, _count);

    public DecayedScore GetValueOrDefault(string otherItemId)
    {
        ArgumentNullException.ThrowIfNull(otherItemId);
        var at = Find(otherItemId, Hash(otherItemId));
        return at >= 0 ? _entries[at].Score : default;
    }

    public void Set(string otherItemId, DecayedScore score)
    {
        ArgumentNullException.ThrowIfNull(otherItemId);
        var hash = Hash(otherItemId);
        var at = Find(otherItemId, hash);
        if (at >= 0)
        {
            _entries[at].Score = score;
            return;
        }

        EnsureCapacity(_count + 1);
        _entries[_count] = new Entry(otherItemId, score, Unnumbered, hash);
        Index(_count++);
    }

    /// <summary>Makes room for <paramref name="capacity"/> counts (a decode knows how many follow).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(capacity, Math.Min(2 * _entries.Length, capacity + 64)));
        }

        if (capacity * 4 >= _buckets.Length * 3)
        {
            _buckets = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, (capacity * 4 / 3) + 1))];
            for (var i = 0; i < _count; i++)
            {
                Index(i);
            }
        }
    }

    /// <summary>
    /// Removes the <paramref name="count"/> weakest counts at <paramref name="atMs"/>, ties broken by the higher id
    /// (ordinal), keeping the others in their order.
    /// </summary>
    public void RemoveWeakest(int count, long atMs, double halfLifeMs)
    {
        if (count <= 0)
        {
            return;
        }

        var n = _count;
        var values = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            (values[i], order[i]) = (_entries[i].Score.ValueAt(atMs, halfLifeMs), i);
        }

        // The same total order as sorting by value, then by id descending: which entries go does not depend on their order here.
        Array.Sort(order, (x, y) =>
        {
            var byValue = values[x].CompareTo(values[y]);
            return byValue != 0 ? byValue : string.CompareOrdinal(_entries[y].ItemId, _entries[x].ItemId);
        });
        var removed = new bool[n];
        for (var i = 0; i < Math.Min(count, n); i++)
        {
            removed[order[i]] = true;
        }

        _count = 0;
        for (var i = 0; i < n; i++)
        {
            if (!removed[i])
            {
                _entries[_count++] = _entries[i];
            }
        }

        Array.Clear(_entries, _count, n - _count);
        Array.Clear(_buckets);
        for (var i = 0; i < _count; i++)
        {
            Index(i);
        }
    }

    public IEnumerator<KeyValuePair<string, DecayedScore>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new KeyValuePair<string, DecayedScore>(_entries[i].ItemId, _entries[i].Score);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Forgets every number unless <paramref name="generation"/> set them.</summary>
    internal void NumberBy(object generation)
    {
        if (ReferenceEquals(NumberedBy, generation))
        {
            return;
        }

        foreach (ref var entry in Entries)
        {
            entry.Number = Unnumbered;
        }

        NumberedBy = generation;
    }

    internal const int Unnumbered = -1;

    private static int Hash(string itemId) => StringComparer.Ordinal.GetHashCode(itemId);

    private int Find(string itemId, int hash)
    {
        if (_buckets.Length == 0)
        {
            return -1;
        }

        var mask = _buckets.Length - 1;
        for (var b = hash & mask; ; b = (b + 1) & mask)
        {
            var at = _buckets[b] - 1;
            if (at < 0)
            {
                return -1;
            }

            if (_entries[at].Hash == hash && string.Equals(_entries[at].ItemId, itemId, StringComparison.Ordinal))
            {
                return at;
            }
        }
    }

    private void Index(int at)
    {
        var mask = _buckets.Length - 1;
        var b = _entries[at].Hash & mask;
        while (_buckets[b] != 0)
        {
            b = (b + 1) & mask;
        }

        _buckets[b] = at + 1;
    }

    internal struct Entry(string itemId, DecayedScore score, int number, int hash)
    {
        public readonly string ItemId = itemId;
        public readonly int Hash = hash;
        public DecayedScore Score = score;
        public int Number = number;
    }
}
