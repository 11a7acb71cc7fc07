using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>
/// A typed Avro contract: the schema a .NET type is written with, and a codec for it (generated from
/// the .avsc by RecoStreams.Avro.Generator).
/// <see cref="Write"/> and <see cref="Read"/> are the hot path (no reflection, no generic values);
/// <see cref="ToGeneric"/> and <see cref="FromGeneric"/> bridge to the generic model, which is how
/// data written with another version of the schema is read after the core's schema resolution.
/// </summary>
/// <typeparam name="T">The .NET type of the datum.</typeparam>
public interface IAvroContract<T>
{
    /// <summary>The schema values are written with and, after resolution, read as.</summary>
    AvroSchema Schema { get; }

    /// <summary>Rabin fingerprint of <see cref="Schema"/>'s canonical form.</summary>
    long Fingerprint { get; }

    /// <summary>Writes <paramref name="value"/> in the binary encoding of <see cref="Schema"/>.</summary>
    /// <exception cref="AvroEncodeException">The value breaks the schema (for example a null required string).</exception>
    void Write(AvroBinaryWriter writer, T value);

    /// <summary>Reads a value written with exactly <see cref="Schema"/> (same canonical form).</summary>
    /// <exception cref="AvroDecodeException">The input is malformed or truncated.</exception>
    T Read(ref AvroBinaryReader reader);

    /// <summary>Converts a value to a generic record of <see cref="Schema"/>.</summary>
    GenericRecord ToGeneric(T value);

    /// <summary>Converts a generic record of <see cref="Schema"/> (for example from a resolving reader) to a value.</summary>
    /// <exception cref="AvroDecodeException">The record does not hold what the schema promises.</exception>
    T FromGeneric(GenericRecord record);
}
