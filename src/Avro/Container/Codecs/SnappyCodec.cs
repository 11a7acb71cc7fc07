using System.Buffers.Binary;

namespace RecoStreams.Avro.Container.Codecs;

/// <summary>The <c>snappy</c> codec: raw Snappy data followed by a 4-byte big-endian CRC-32 of the uncompressed block.</summary>
public sealed class SnappyCodec : IAvroCodec
{
    /// <summary>The shared instance.</summary>
    public static SnappyCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "snappy";

    /// <inheritdoc />
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        var compressed = Snappy.Compress(data);
        var output = new byte[compressed.Length + 4];
        compressed.CopyTo(output, 0);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(compressed.Length), Crc32.Compute(data));
        return output;
    }

    /// <inheritdoc />
    public byte[] Decompress(ReadOnlySpan<byte> data, int maxLength)
    {
        if (data.Length < 4)
        {
            throw new AvroContainerException("snappy block is shorter than its 4-byte CRC");
        }

        var output = Snappy.Decompress(data[..^4], maxLength);
        var expected = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
        var actual = Crc32.Compute(output);
        return actual == expected ? output
            : throw new AvroContainerException($"snappy block CRC mismatch: stored 0x{expected:x8}, computed 0x{actual:x8}");
    }
}
