namespace RecoStreams.Avro.Container.Codecs;

/// <summary>A container file block codec, named by the file's <c>avro.codec</c> metadata.</summary>
public interface IAvroCodec
{
    /// <summary>The <c>avro.codec</c> value, e.g. <c>deflate</c>.</summary>
    string Name { get; }

    /// <summary>Compresses one block of serialized records.</summary>
    byte[] Compress(ReadOnlySpan<byte> data);

    /// <summary>Decompresses one block; output larger than <paramref name="maxLength"/> is refused, so a small block cannot expand without bound.</summary>
    /// <exception cref="AvroContainerException">The data is corrupt or would exceed <paramref name="maxLength"/>.</exception>
    byte[] Decompress(ReadOnlySpan<byte> data, int maxLength);
}
