namespace RecoStreams.Processors.Domain;

/// <summary>
/// Items a user has engaged with. The newest <c>exactCapacity</c> ids are kept exactly; older ids move
/// into a Bloom filter, so exclusion stays correct for long histories at a bounded size (a rare false
/// positive only hides an item from this user).
/// </summary>
public sealed class SeenItems
{
    public SeenItems(int exactCapacity, BloomFilter overflow)
    {
        Exact = new BoundedRecentSet(exactCapacity);
        Overflow = overflow ?? throw new ArgumentNullException(nameof(overflow));
    }

    public BoundedRecentSet Exact { get; }

    public BloomFilter Overflow { get; }

    public void Add(string itemId)
    {
        if (Exact.Add(itemId) is { } evicted)
        {
            Overflow.Add(evicted);
        }
    }

    public bool Contains(string itemId) => Exact.Contains(itemId) || Overflow.MightContain(itemId);
}
