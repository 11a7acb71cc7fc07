using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// An Avro schema. Instances are immutable once parsed (record fields are attached exactly once
/// while parsing, so recursive records can refer to themselves).
/// </summary>
public abstract class AvroSchema
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoProperties = new Dictionary<string, JsonElement>();

    private protected AvroSchema(AvroType type, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement>? properties)
    {
        Type = type;
        LogicalType = logicalType;
        Properties = properties ?? NoProperties;
    }

    /// <summary>The schema's type.</summary>
    public AvroType Type { get; }

    /// <summary>The valid logical type annotating this schema, or null (invalid annotations are ignored, as the spec says).</summary>
    public LogicalType? LogicalType { get; }

    /// <summary>Attributes the spec does not define, kept so schemas round-trip unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>Parses a schema from its JSON text.</summary>
    /// <exception cref="AvroSchemaException">The text is not a valid schema.</exception>
    public static AvroSchema Parse(string json) => SchemaParser.Parse(json, new SchemaNames());

    /// <summary>
    /// Parses a schema that may refer to named types defined by earlier schemas in <paramref name="knownTypes"/>;
    /// named types it defines are added to <paramref name="knownTypes"/>.
    /// </summary>
    public static AvroSchema Parse(string json, SchemaNames knownTypes) => SchemaParser.Parse(json, knownTypes);

    /// <summary>The schema's Parsing Canonical Form, used for fingerprints and equality of meaning.</summary>
    public string ToCanonicalForm() => SchemaJsonWriter.Write(this, canonical: true);

    /// <summary>The full JSON of the schema, including docs, defaults, aliases and custom properties.</summary>
    public override string ToString() => SchemaJsonWriter.Write(this, canonical: false);

    /// <summary>Singleton schemas for the plain primitive types.</summary>
    public static PrimitiveSchema Null { get; } = new(AvroType.Null);

    /// <summary>The plain <c>boolean</c> schema.</summary>
    public static PrimitiveSchema Boolean { get; } = new(AvroType.Boolean);

    /// <summary>The plain <c>int</c> schema.</summary>
    public static PrimitiveSchema Int { get; } = new(AvroType.Int);

    /// <summary>The plain <c>long</c> schema.</summary>
    public static PrimitiveSchema Long { get; } = new(AvroType.Long);

    /// <summary>The plain <c>float</c> schema.</summary>
    public static PrimitiveSchema Float { get; } = new(AvroType.Float);

    /// <summary>The plain <c>double</c> schema.</summary>
    public static PrimitiveSchema Double { get; } = new(AvroType.Double);

    /// <summary>The plain <c>bytes</c> schema.</summary>
    public static PrimitiveSchema Bytes { get; } = new(AvroType.Bytes);

    /// <summary>The plain <c>string</c> schema.</summary>
    public static PrimitiveSchema String { get; } = new(AvroType.String);
}
