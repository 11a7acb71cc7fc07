using System.Globalization;
using System.Linq;
using RecoStreams.Avro.Generator.Json;
using RecoStreams.Avro.Generator.Schemas;

namespace RecoStreams.Avro.Generator.Emit;

/// <summary>The C# type of each Avro type, and C# expressions for schema defaults.</summary>
internal static class CSharpTypes
{
    /// <summary>The C# type; throws for Avro types the generator has no mapping for, naming the place.</summary>
    public static string Of(AvroType type) => type switch
    {
        PrimitiveType { Logical: LogicalKind.Uuid } => "Guid",
        PrimitiveType { Logical: LogicalKind.TimestampMillis } => "DateTimeOffset",
        PrimitiveType { Kind: PrimitiveKind.Boolean } => "bool",
        PrimitiveType { Kind: PrimitiveKind.Int } => "int",
        PrimitiveType { Kind: PrimitiveKind.Long } => "long",
        PrimitiveType { Kind: PrimitiveKind.Float } => "float",
        PrimitiveType { Kind: PrimitiveKind.Double } => "double",
        PrimitiveType { Kind: PrimitiveKind.Bytes } => "byte[]",
        PrimitiveType { Kind: PrimitiveKind.String } => "string",
        PrimitiveType => throw new SchemaFileException("a value of type null is only supported as a branch of a union with one other type", type.Definition),
        NamedType named => CSharpNames.Pascal(named.Name),
        ArrayType array => $"IReadOnlyList<{Of(array.Items)}>",
        MapType map => $"IReadOnlyDictionary<string, {Of(map.Values)}>",
        UnionType { OptionalOf: { } inner } when inner is not UnionType => Of(inner) + "?",
        _ => throw new SchemaFileException("only unions of null and one other type are supported by the contract generator", type.Definition),
    };

    /// <summary>
    /// A C# expression for a default, or null when it has none the generator can write.
    /// <paramref name="constant"/> asks for a compile-time constant (for an optional parameter).
    /// </summary>
    public static string? Default(AvroType type, JsonValue value, bool constant)
    {
        switch (type, value)
        {
            case (UnionType { OptionalOf: not null }, JsonNull):
                return "null";
            case (PrimitiveType { Logical: LogicalKind.Uuid }, JsonString s):
                return constant ? null : $"Guid.Parse({CSharpNames.Literal(s.Value)})";
            case (PrimitiveType { Logical: LogicalKind.TimestampMillis }, JsonNumber n):
                return constant ? null : $"DateTimeOffset.FromUnixTimeMilliseconds({n.Text})";
            case (PrimitiveType { Kind: PrimitiveKind.Boolean }, JsonBoolean b):
                return b.Value ? "true" : "false";
            case (PrimitiveType { Kind: PrimitiveKind.Int or PrimitiveKind.Long }, JsonNumber n):
                return n.Text;
            case (PrimitiveType { Kind: PrimitiveKind.Double }, JsonNumber n):
                return n.IsInteger ? n.Text : n.Text + "d";
            case (PrimitiveType { Kind: PrimitiveKind.Float }, JsonNumber n):
                return n.Text + "f";
            case (PrimitiveType { Kind: PrimitiveKind.String }, JsonString s):
                return CSharpNames.Literal(s.Value);
            case (EnumType e, JsonString s):
                return CSharpNames.Pascal(e.Name) + "." + CSharpNames.Pascal(s.Value);
            case (ArrayType array, JsonArray items) when !constant:
                var elements = items.Items.Select(i => Default(array.Items, i, constant: false)).ToList();
                return elements.Any(e => e is null) ? null : "[" + string.Join(", ", elements) + "]";
            case (MapType map, JsonObject entries) when !constant:
                if (entries.Properties.Count == 0)
                {
                    return $"ReadOnlyDictionary<string, {Of(map.Values)}>.Empty";
                }

                var pairs = entries.Properties.Select(p => (p.Key, Value: Default(map.Values, p.Value, constant: false))).ToList();
                return pairs.Any(p => p.Value is null) ? null
                    : $"new Dictionary<string, {Of(map.Values)}> {{ {string.Join(", ", pairs.Select(p => $"[{CSharpNames.Literal(p.Key)}] = {p.Value}"))} }}";
            default:
                return null;
        }
    }

    /// <summary>Smallest number of bytes a value of the type takes in the binary encoding.</summary>
    public static int MinimumBytes(AvroType type, int depth = 0) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Null } => 0,
        PrimitiveType { Kind: PrimitiveKind.Float } => 4,
        PrimitiveType { Kind: PrimitiveKind.Double } => 8,
        RecordType record => depth > 8 ? 0 : record.Fields.Sum(f => MinimumBytes(f.Type, depth + 1)),
        _ => 1,
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
