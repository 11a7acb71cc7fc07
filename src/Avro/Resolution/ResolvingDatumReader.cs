using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Generic.Decoding;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Resolution;

/// <summary>
/// Reads data written with <see cref="WriterSchema"/> as generic values of <see cref="ReaderSchema"/>,
/// applying the spec's schema resolution (promotions, defaults, skipped fields, enum defaults, union
/// branch matching, aliases). The resolution plan is compiled once in the constructor; instances are
/// immutable and safe to share between threads.
/// </summary>
public sealed class ResolvingDatumReader : IDatumReader
{
    private readonly ValueDecoder _plan;

    /// <summary>Compiles the resolution plan.</summary>
    /// <exception cref="AvroSchemaException">The writer's schema cannot be read with the reader's (e.g. a reader field without default is missing).</exception>
    public ResolvingDatumReader(AvroSchema writerSchema, AvroSchema readerSchema, AvroReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        ArgumentNullException.ThrowIfNull(readerSchema);
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        _plan = new ResolutionPlanBuilder(options ?? AvroReaderOptions.Default).Build(writerSchema, readerSchema, "$");
    }

    /// <summary>The schema the data was written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <inheritdoc />
    public AvroSchema ReaderSchema { get; }

    /// <inheritdoc />
    public object? Read(ref AvroBinaryReader reader)
    {
        try
        {
            return _plan.Read(ref reader);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new AvroDecodeException("data is nested too deeply to decode", e);
        }
    }

    /// <inheritdoc />
    public object? Read(ReadOnlySpan<byte> encoded)
    {
        var reader = new AvroBinaryReader(encoded);
        var value = Read(ref reader);
        return reader.IsAtEnd ? value
            : throw new AvroDecodeException($"{reader.Remaining} unexpected bytes after the datum at offset {reader.Position}");
    }
}
