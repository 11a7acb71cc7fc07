namespace RecoStreams.Avro.Schemas;

/// <summary>The Avro schema types, primitive and complex.</summary>
public enum AvroType
{
    /// <summary>No value.</summary>
    Null,
    /// <summary>A binary value.</summary>
    Boolean,
    /// <summary>32-bit signed integer.</summary>
    Int,
    /// <summary>64-bit signed integer.</summary>
    Long,
    /// <summary>IEEE 754 single precision.</summary>
    Float,
    /// <summary>IEEE 754 double precision.</summary>
    Double,
    /// <summary>Sequence of bytes.</summary>
    Bytes,
    /// <summary>Unicode character sequence.</summary>
    String,
    /// <summary>Named record of fields.</summary>
    Record,
    /// <summary>Named set of symbols.</summary>
    Enum,
    /// <summary>Sequence of items of one schema.</summary>
    Array,
    /// <summary>String-keyed values of one schema.</summary>
    Map,
    /// <summary>One of several schemas.</summary>
    Union,
    /// <summary>Named fixed-size byte sequence.</summary>
    Fixed,
}

/// <summary>Helpers over <see cref="AvroType"/>.</summary>
public static class AvroTypeNames
{
    /// <summary>The type's name as written in schema JSON (e.g. <c>"record"</c>).</summary>
    public static string ToJsonName(this AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Maps a primitive type name to its type, or null if the name is not a primitive.</summary>
    public static AvroType? PrimitiveFromName(string name) => name switch
    {
        "null" => AvroType.Null,
        "boolean" => AvroType.Boolean,
        "int" => AvroType.Int,
        "long" => AvroType.Long,
        "float" => AvroType.Float,
        "double" => AvroType.Double,
        "bytes" => AvroType.Bytes,
        "string" => AvroType.String,
        _ => null,
    };
}
