namespace RecoStreams.Processors.Domain;

/// <summary>
/// What the by-user subtopology sends to the by-item repartition topic, keyed by <see cref="ItemId"/>: an
/// engagement signal with the co-visitation pairs the same event gives that item, or one pair for another
/// item. An event that pairs with n recent items sends 1 + n records instead of 1 + 2n: the item's own pairs
/// ride with its signal, so the by-item side decodes, updates and writes its aggregate once for them.
/// One message type keeps one topic and one serde for both, and keeps their order within an item's partition.
/// </summary>
public sealed record ItemUpdate
{
    private ItemUpdate(string itemId, ItemSignal? signal, IReadOnlyList<CoVisitationPair> pairs) =>
        (ItemId, Signal, Pairs) = (itemId, signal, pairs);

    public string ItemId { get; }

    public ItemSignal? Signal { get; }

    /// <summary>Pairs of <see cref="ItemId"/> with other items, applied after the signal, in order.</summary>
    public IReadOnlyList<CoVisitationPair> Pairs { get; }

    public static ItemUpdate Of(ItemSignal signal) => Of(signal, []);

    public static ItemUpdate Of(ItemSignal signal, IReadOnlyList<CoVisitationPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            if (!string.Equals(pair.ItemId, signal.ItemId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A pair of {pair.ItemId} cannot ride with the signal of {signal.ItemId}.", nameof(pairs));
            }
        }

        return new(signal.ItemId, signal, pairs);
    }

    public static ItemUpdate Of(CoVisitationPair pair) =>
        new(pair?.ItemId ?? throw new ArgumentNullException(nameof(pair)), null, [pair]);
}
