using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>Decodes Avro binary data into generic values of <see cref="ReaderSchema"/>.</summary>
public interface IDatumReader
{
    /// <summary>The schema of the values produced.</summary>
    AvroSchema ReaderSchema { get; }

    /// <summary>Decodes one datum from the reader's current position.</summary>
    /// <exception cref="AvroDecodeException">The input is malformed or truncated.</exception>
    object? Read(ref AvroBinaryReader reader);

    /// <summary>Decodes exactly one datum occupying all of <paramref name="encoded"/>; trailing bytes are an error.</summary>
    /// <exception cref="AvroDecodeException">The input is malformed, truncated, or has trailing bytes.</exception>
    object? Read(ReadOnlySpan<byte> encoded);
}
