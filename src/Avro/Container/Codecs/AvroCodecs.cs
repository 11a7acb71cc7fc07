namespace RecoStreams.Avro.Container.Codecs;

/// <summary>Looks up a codec by its <c>avro.codec</c> name.</summary>
public static class AvroCodecs
{
    /// <summary>The codec for <paramref name="name"/>; a missing name means <c>null</c>, as the spec says.</summary>
    /// <exception cref="AvroContainerException">The codec is not supported (e.g. bzip2, xz).</exception>
    public static IAvroCodec ForName(string? name) => name switch
    {
        null or "null" => NullCodec.Instance,
        "deflate" => DeflateCodec.Instance,
        "snappy" => SnappyCodec.Instance,
        "zstandard" => ZstandardCodec.Instance,
        _ => throw new AvroContainerException($"unsupported codec '{name}' (supported: null, deflate, snappy, zstandard)"),
    };
}
