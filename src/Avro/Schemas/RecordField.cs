using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A field of a record schema.</summary>
public sealed class RecordField
{
    /// <summary>Creates a field. <paramref name="defaultValue"/> is the JSON default, validated when the record is parsed.</summary>
    public RecordField(string name, int position, AvroSchema schema, JsonElement? defaultValue = null, string? doc = null,
        FieldOrder order = FieldOrder.Ascending, IReadOnlyList<string>? aliases = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
    {
        Name = name;
        Position = position;
        Schema = schema;
        DefaultValue = defaultValue;
        Doc = doc;
        Order = order;
        Aliases = aliases ?? [];
        Properties = properties ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>Zero-based position in the record, which is also its position on the wire.</summary>
    public int Position { get; }

    /// <summary>The field's schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The default as JSON, used by readers whose writer lacked the field; null when there is none.</summary>
    public JsonElement? DefaultValue { get; }

    /// <summary>True when the field declares a default (which may itself be JSON null).</summary>
    public bool HasDefault => DefaultValue.HasValue;

    /// <summary>Documentation, if any.</summary>
    public string? Doc { get; }

    /// <summary>The field's sort order.</summary>
    public FieldOrder Order { get; }

    /// <summary>Former names of the field, matched against writer field names during resolution.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Attributes the spec does not define.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Schema.Type.ToJsonName()}";
}
