namespace RecoStreams.Avro.Container.Codecs;

/// <summary>The <c>null</c> codec: blocks are stored uncompressed.</summary>
public sealed class NullCodec : IAvroCodec
{
    /// <summary>The shared instance.</summary>
    public static NullCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "null";

    /// <inheritdoc />
    public byte[] Compress(ReadOnlySpan<byte> data) => data.ToArray();

    /// <inheritdoc />
    public byte[] Decompress(ReadOnlySpan<byte> data, int maxLength) => data.ToArray();
}
