namespace RecoStreams.Avro.Generic;

/// <summary>Limits that keep decoding of hostile input bounded.</summary>
public sealed record AvroReaderOptions
{
    /// <summary>The defaults.</summary>
    public static AvroReaderOptions Default { get; } = new();

    /// <summary>
    /// Most items one array or map may hold when its items take zero bytes on the wire (e.g. nulls):
    /// such counts cannot be checked against the remaining input, so they are capped instead.
    /// </summary>
    public long MaxZeroByteItems { get; init; } = 1 << 20;
}
