using RecoStreams.Avro.Generic;

namespace RecoStreams.Avro.Container;

/// <summary>Limits for reading container files from untrusted sources.</summary>
public sealed record AvroContainerReaderOptions
{
    /// <summary>The defaults.</summary>
    public static AvroContainerReaderOptions Default { get; } = new();

    /// <summary>Largest block (compressed or decompressed) or metadata value accepted, in bytes.</summary>
    public int MaxBlockBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Limits applied while decoding the records inside blocks.</summary>
    public AvroReaderOptions Datum { get; init; } = AvroReaderOptions.Default;
}
