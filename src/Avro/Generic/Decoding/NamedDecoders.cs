using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic.Decoding;

/// <summary>Decodes a fixed into a <see cref="GenericFixed"/> of the reader's schema.</summary>
internal sealed class FixedDecoder(FixedSchema reader) : ValueDecoder
{
    public override object Read(ref AvroBinaryReader input) => new GenericFixed(reader, input.ReadFixed(reader.Size).ToArray());

    public override void Skip(ref AvroBinaryReader input) => input.Skip(reader.Size);
}

/// <summary>
/// Decodes an enum ordinal of the writer's schema into the reader's symbol, precomputed per writer
/// ordinal. A symbol the reader lacks maps to the reader's default, or fails when it has none.
/// </summary>
internal sealed class EnumDecoder : ValueDecoder
{
    private readonly EnumSchema _writer;
    private readonly EnumSchema _reader;
    private readonly GenericEnum?[] _byWriterOrdinal;

    public EnumDecoder(EnumSchema writer, EnumSchema reader)
    {
        _writer = writer;
        _reader = reader;
        _byWriterOrdinal = writer.Symbols
            .Select(symbol => reader.OrdinalOf(symbol) >= 0 ? new GenericEnum(reader, symbol)
                : reader.Default is { } fallback ? new GenericEnum(reader, fallback) : null)
            .ToArray();
    }

    public override object Read(ref AvroBinaryReader input)
    {
        var ordinal = input.ReadEnum(_byWriterOrdinal.Length);
        return _byWriterOrdinal[ordinal]
            ?? throw new AvroDecodeException($"writer symbol '{_writer.Symbols[ordinal]}' is not in reader enum {_reader.Name} and the reader declares no default");
    }

    public override void Skip(ref AvroBinaryReader input) => input.ReadEnum(_byWriterOrdinal.Length);
}

/// <summary>Applies the reader's logical type to the value its underlying decoder produced.</summary>
internal sealed class LogicalDecoder(ValueDecoder inner, LogicalType logicalType) : ValueDecoder
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var stored = inner.Read(ref reader);
        return stored is null ? null : LogicalConversions.FromStored(logicalType, stored);
    }

    public override void Skip(ref AvroBinaryReader reader) => inner.Skip(ref reader);
}

/// <summary>
/// Stands for a writer union branch that cannot be resolved against the reader. The spec makes this
/// an error only when such a branch actually occurs in the data, so it fails at decode time.
/// </summary>
internal sealed class UnresolvableDecoder(string message, ValueDecoder skipper) : ValueDecoder
{
    public override object Read(ref AvroBinaryReader reader) => throw new AvroDecodeException(message);

    public override void Skip(ref AvroBinaryReader reader) => skipper.Skip(ref reader);
}
