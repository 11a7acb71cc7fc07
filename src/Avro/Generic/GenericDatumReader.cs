using RecoStreams.Avro.IO;
using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>
/// Reads data written with the same schema it is read with. Values come back as
/// <see cref="GenericRecord"/>, <see cref="GenericEnum"/>, <see cref="GenericFixed"/>,
/// <c>List&lt;object?&gt;</c>, <c>Dictionary&lt;string, object?&gt;</c>, CLR primitives, and the
/// logical-type values described on <see cref="LogicalConversions"/>. Thread-safe.
/// </summary>
public sealed class GenericDatumReader(AvroSchema schema, AvroReaderOptions? options = null) : IDatumReader
{
    private readonly ResolvingDatumReader _identity = new(schema, schema, options);

    /// <inheritdoc />
    public AvroSchema ReaderSchema => _identity.ReaderSchema;

    /// <inheritdoc />
    public object? Read(ref AvroBinaryReader reader) => _identity.Read(ref reader);

    /// <inheritdoc />
    public object? Read(ReadOnlySpan<byte> encoded) => _identity.Read(encoded);
}
