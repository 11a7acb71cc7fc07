namespace RecoStreams.Avro.Generic;

/// <summary>Limits that keep decoding of hostile input bounded.</summary>
public sealed record AvroReaderOptions
{
    /// <summary>The defaults.</summary>
    public static AvroReaderOptions Default { get; } = new();

    /// <summary>
    /// Most array or map items that take zero bytes on the wire (e.g. nulls) one datum may hold, over all its
    /// collections, and most records of such a schema one container block may claim: such counts cannot be
    /// checked against the remaining input, so they are capped instead.
    /// </summary>
    public long MaxZeroByteItems { get; init; } = 1 << 20;
}
