using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Serialization;

/// <summary>Where a (de)serialization happens: serdes such as Confluent's Avro need the topic and which side.</summary>
public readonly record struct SerdeContext(string Topic, bool IsKey, RecordHeaders? Headers = null);

/// <summary>
/// Serializer and deserializer of one type. Null values are handled by the runtime (a null value is a
/// tombstone and is never passed to a serde), so implementations only see real data.
/// </summary>
public interface ISerde<T>
{
    byte[] Serialize(T value, in SerdeContext context);

    T Deserialize(ReadOnlySpan<byte> data, in SerdeContext context);
}
