using System.Buffers.Binary;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.Dsl;

/// <summary>
/// The values one join store holds for one key at one timestamp (several records may share both):
/// each value length-prefixed. A length beyond the remaining bytes is rejected, never allocated.
/// </summary>
internal sealed class ValueListSerde<T>(ISerde<T> inner) : ISerde<IReadOnlyList<T>>
{
    public byte[] Serialize(IReadOnlyList<T> value, in SerdeContext context)
    {
        var parts = new List<byte[]>(value.Count);
        foreach (var item in value)
        {
            parts.Add(inner.Serialize(item, context));
        }

        var result = new byte[parts.Sum(p => p.Length + sizeof(int))];
        var offset = 0;
        foreach (var part in parts)
        {
            BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(offset), part.Length);
            part.CopyTo(result, offset + sizeof(int));
            offset += sizeof(int) + part.Length;
        }

        return result;
    }

    public IReadOnlyList<T> Deserialize(ReadOnlySpan<byte> data, in SerdeContext context)
    {
        var values = new List<T>();
        while (!data.IsEmpty)
        {
            if (data.Length < sizeof(int))
            {
                throw new SerializationException("join store value: truncated length prefix.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data);
            if (length < 0 || length > data.Length - sizeof(int))
            {
                throw new SerializationException($"join store value: length {length} exceeds the remaining {data.Length - sizeof(int)} bytes.");
            }

            values.Add(inner.Deserialize(data.Slice(sizeof(int), length), context));
            data = data[(sizeof(int) + length)..];
        }

        return values;
    }
}
