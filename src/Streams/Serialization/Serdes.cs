using System.Buffers.Binary;
using System.Text;

namespace RecoStreams.Streams.Serialization;

/// <summary>
/// Built-in serdes with the same byte layout as Kafka's Java serdes (big-endian numbers, UTF-8 strings),
/// so keys written by Java producers hash and compare identically.
/// </summary>
public static class Serdes
{
    public static ISerde<string> String { get; } = new StringSerde();

    public static ISerde<long> Long { get; } = new LongSerde();

    public static ISerde<int> Int { get; } = new IntSerde();

    public static ISerde<double> Double { get; } = new DoubleSerde();

    public static ISerde<byte[]> ByteArray { get; } = new ByteArraySerde();

    private sealed class StringSerde : ISerde<string>
    {
        public byte[] Serialize(string value, in SerdeContext context) => Encoding.UTF8.GetBytes(value);

        public string Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) => Encoding.UTF8.GetString(data);
    }

    private sealed class LongSerde : ISerde<long>
    {
        public byte[] Serialize(long value, in SerdeContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return bytes;
        }

        public long Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) =>
            data.Length == 8
                ? BinaryPrimitives.ReadInt64BigEndian(data)
                : throw new SerializationException($"A long needs 8 bytes, got {data.Length}.");
    }

    private sealed class IntSerde : ISerde<int>
    {
        public byte[] Serialize(int value, in SerdeContext context)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            return bytes;
        }

        public int Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) =>
            data.Length == 4
                ? BinaryPrimitives.ReadInt32BigEndian(data)
                : throw new SerializationException($"An int needs 4 bytes, got {data.Length}.");
    }

    private sealed class DoubleSerde : ISerde<double>
    {
        public byte[] Serialize(double value, in SerdeContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
            return bytes;
        }

        public double Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) =>
            data.Length == 8
                ? BinaryPrimitives.ReadDoubleBigEndian(data)
                : throw new SerializationException($"A double needs 8 bytes, got {data.Length}.");
    }

    private sealed class ByteArraySerde : ISerde<byte[]>
    {
        public byte[] Serialize(byte[] value, in SerdeContext context) => value;

        public byte[] Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) => data.ToArray();
    }
}
