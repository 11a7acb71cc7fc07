using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A primitive schema: null, boolean, int, long, float, double, bytes or string.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    /// <summary>Creates a primitive schema, optionally annotated with a logical type and custom properties.</summary>
    public PrimitiveSchema(AvroType type, LogicalType? logicalType = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(type, logicalType, properties)
    {
        if (type > AvroType.String)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type");
        }
    }
}
