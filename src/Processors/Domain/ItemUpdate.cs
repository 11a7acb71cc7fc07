namespace RecoStreams.Processors.Domain;

/// <summary>
/// What the by-user subtopology sends to the by-item repartition topic, keyed by <see cref="ItemId"/>:
/// exactly one of an engagement signal or a co-visitation pair. One message type keeps one topic and
/// one serde for both, and keeps their relative order within an item's partition.
/// </summary>
public sealed record ItemUpdate
{
    private ItemUpdate(ItemSignal? signal, CoVisitationPair? pair) => (Signal, Pair) = (signal, pair);

    public ItemSignal? Signal { get; }

    public CoVisitationPair? Pair { get; }

    public string ItemId => Signal?.ItemId ?? Pair!.ItemId;

    public static ItemUpdate Of(ItemSignal signal) => new(signal ?? throw new ArgumentNullException(nameof(signal)), null);

    public static ItemUpdate Of(CoVisitationPair pair) => new(null, pair ?? throw new ArgumentNullException(nameof(pair)));
}
