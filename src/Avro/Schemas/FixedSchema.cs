using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A fixed schema: a named byte sequence of a set size.</summary>
public sealed class FixedSchema : NamedSchema
{
    /// <summary>Creates a fixed schema of <paramref name="size"/> bytes.</summary>
    public FixedSchema(SchemaName name, int size, IReadOnlyList<SchemaName>? aliases = null, string? doc = null,
        LogicalType? logicalType = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(AvroType.Fixed, name, aliases, doc, logicalType, properties)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
    }

    /// <summary>The number of bytes in every value.</summary>
    public int Size { get; }
}
