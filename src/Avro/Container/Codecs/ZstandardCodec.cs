using ZstdSharp;

namespace RecoStreams.Avro.Container.Codecs;

/// <summary>
/// The <c>zstandard</c> codec: one Zstandard frame per block (ZstdSharp), no checksum of Avro's own.
/// Decompression streams, because Java's writer leaves the frame's content size out.
/// </summary>
public sealed class ZstandardCodec(int level = 3) : IAvroCodec
{
    /// <summary>A shared instance at Zstandard's default level 3.</summary>
    public static ZstandardCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "zstandard";

    /// <inheritdoc />
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var compressor = new Compressor(level);
        return compressor.Wrap(data).ToArray();
    }

    /// <inheritdoc />
    public byte[] Decompress(ReadOnlySpan<byte> data, int maxLength)
    {
        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var zstd = new DecompressionStream(input);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = zstd.Read(buffer)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    throw new AvroContainerException($"zstandard block expands beyond the {maxLength}-byte block limit");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is ZstdException or EndOfStreamException)
        {
            throw new AvroContainerException($"corrupt zstandard block: {e.Message}", e);
        }

        return output.ToArray();
    }
}
