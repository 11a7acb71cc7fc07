using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// An item's neighbour similarities by neighbour id: an open-addressing table that keeps each id's hash code, so a
/// caller that hashed an id once (MMR compares every pick with the candidates it reaches) probes without hashing it
/// again, and a miss, the common case, mostly ends at an empty slot or a different hash. When an id appears twice,
/// the later similarity counts, as a dictionary filled in order would hold.
/// </summary>
internal sealed class NeighbourLookup
{
    public static readonly NeighbourLookup Empty = new([]);

    private readonly string?[] _ids;
    private readonly int[] _hashes;
    private readonly double[] _similarities;
    private readonly int _mask;

    public NeighbourLookup(IReadOnlyList<Neighbour> neighbours)
    {
        // At most half full, so probe runs stay short.
        var size = 4;
        while (size < neighbours.Count * 2)
        {
            size <<= 1;
        }

        (_ids, _hashes, _similarities, _mask) = (new string?[size], new int[size], new double[size], size - 1);
        for (var i = 0; i < neighbours.Count; i++)
        {
            var id = neighbours[i].ItemId;
            var hash = Hash(id);
            var slot = SlotOf(id, hash);
            (_ids[slot], _hashes[slot], _similarities[slot]) = (id, hash, neighbours[i].Similarity);
        }
    }

    /// <summary>The hash code <see cref="SimilarityTo"/> expects for <paramref name="itemId"/>.</summary>
    public static int Hash(string itemId) => itemId.GetHashCode(StringComparison.Ordinal);

    /// <summary>The similarity listed for <paramref name="itemId"/> (whose <see cref="Hash"/> is <paramref name="hash"/>), 0 when not listed.</summary>
    public double SimilarityTo(string itemId, int hash)
    {
        var slot = SlotOf(itemId, hash);
        return _ids[slot] is null ? 0 : _similarities[slot];
    }

    // The slot holding itemId, or the empty slot where it would go.
    private int SlotOf(string itemId, int hash)
    {
        var slot = hash & _mask;
        while (_ids[slot] is { } id && (_hashes[slot] != hash || !string.Equals(id, itemId, StringComparison.Ordinal)))
        {
            slot = (slot + 1) & _mask;
        }

        return slot;
    }
}
