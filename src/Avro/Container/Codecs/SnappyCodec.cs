using System.Buffers.Binary;
using System.IO.Hashing;
using Snappier;

namespace RecoStreams.Avro.Container.Codecs;

/// <summary>
/// The <c>snappy</c> codec: raw Snappy data (Snappier) followed by a 4-byte big-endian CRC-32
/// (System.IO.Hashing) of the uncompressed block.
/// </summary>
public sealed class SnappyCodec : IAvroCodec
{
    /// <summary>The shared instance.</summary>
    public static SnappyCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "snappy";

    /// <inheritdoc />
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        var output = new byte[Snappy.GetMaxCompressedLength(data.Length) + 4];
        var length = Snappy.Compress(data, output);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(length), Crc32.HashToUInt32(data));
        return output[..(length + 4)];
    }

    /// <inheritdoc />
    public byte[] Decompress(ReadOnlySpan<byte> data, int maxLength)
    {
        if (data.Length < 4)
        {
            throw new AvroContainerException("snappy block is shorter than its 4-byte CRC");
        }

        var compressed = data[..^4];
        byte[] output;
        try
        {
            // The length is the block's own claim: check it before allocating.
            var length = Snappy.GetUncompressedLength(compressed);
            if (length > maxLength)
            {
                throw new AvroContainerException($"snappy block claims {length} bytes, beyond the {maxLength}-byte block limit");
            }

            output = new byte[length];
            Snappy.Decompress(compressed, output);
        }
        catch (InvalidDataException e)
        {
            throw new AvroContainerException($"corrupt snappy block: {e.Message}", e);
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
        var actual = Crc32.HashToUInt32(output);
        return actual == expected ? output
            : throw new AvroContainerException($"snappy block CRC mismatch: stored 0x{expected:x8}, computed 0x{actual:x8}");
    }
}
