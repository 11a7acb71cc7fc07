using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// How a stream-stream join keeps its two window stores (Kafka Streams' StreamJoined): their names
/// ("{Name}-this-join", "{Name}-other-join" and, for a left join, "{Name}-outer-join"), the serdes of
/// the other side, and the store supplier (in-memory by default; each store is change-logged).
/// </summary>
public sealed record StreamJoined<TKey, TValue, TOtherValue>(string Name)
{
    public ISerde<TKey>? KeySerde { get; init; }

    public ISerde<TValue>? ValueSerde { get; init; }

    public ISerde<TOtherValue>? OtherValueSerde { get; init; }

    /// <summary>Makes a window store supplier from (name, retention, window size); defaults to in-memory stores.</summary>
    public Func<string, TimeSpan, TimeSpan, IWindowBytesStoreSupplier> StoreSupplier { get; init; } =
        static (name, retention, size) => Stores.InMemoryWindowStore(name, retention, size);

    internal string ThisStoreName => $"{Name}-this-join";

    internal string OtherStoreName => $"{Name}-other-join";

    internal string OuterStoreName => $"{Name}-outer-join";
}
