using System.Buffers.Binary;

namespace RecoStreams.Streams.Partitioning;

/// <summary>
/// The 32-bit murmur2 hash exactly as Kafka's Java client computes it (<c>Utils.murmur2</c>): seed
/// 0x9747b28c, little-endian 4-byte blocks, the tail mixed in byte order. Bit-for-bit agreement is the
/// point: a key must land on the same partition whichever language produced it.
/// </summary>
public static class Murmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        var h = Seed ^ (uint)length;
        var blocks = length / 4;

        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        // Java's switch falls through from the highest remaining byte down; the bytes are
        // sign-independent here because each is masked to 8 bits before shifting.
        var tail = data[(blocks * 4)..];
        switch (tail.Length)
        {
            case 3:
                h ^= (uint)tail[2] << 16;
                h ^= (uint)tail[1] << 8;
                h ^= tail[0];
                h *= M;
                break;
            case 2:
                h ^= (uint)tail[1] << 8;
                h ^= tail[0];
                h *= M;
                break;
            case 1:
                h ^= tail[0];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary>Kafka's <c>Utils.toPositive</c>: clears the sign bit (not Math.Abs, which overflows on int.MinValue).</summary>
    public static int ToPositive(int number) => number & 0x7fffffff;
}
