using System.IO.Compression;

namespace RecoStreams.Avro.Container.Codecs;

/// <summary>The <c>deflate</c> codec: raw RFC 1951 data, with no zlib header or checksum.</summary>
public sealed class DeflateCodec(CompressionLevel level = CompressionLevel.Optimal) : IAvroCodec
{
    /// <summary>A shared instance at the default level.</summary>
    public static DeflateCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "deflate";

    /// <inheritdoc />
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    /// <inheritdoc />
    public byte[] Decompress(ReadOnlySpan<byte> data, int maxLength)
    {
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = deflate.Read(buffer)) > 0)
                {
                    if (output.Length + read > maxLength)
                    {
                        throw new AvroContainerException($"deflate block expands beyond the {maxLength}-byte block limit");
                    }

                    output.Write(buffer, 0, read);
                }
            }
            catch (InvalidDataException e)
            {
                throw new AvroContainerException($"corrupt deflate block: {e.Message}", e);
            }

            return output.ToArray();
        }
    }
}
