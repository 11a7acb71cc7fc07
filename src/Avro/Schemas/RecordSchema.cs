using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A record schema: a named, ordered list of fields.</summary>
public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<RecordField>? _fields;
    private Dictionary<string, RecordField>? _byName;

    /// <summary>
    /// Creates a record; call <see cref="SetFields"/> once before use. Two steps let a record's
    /// fields refer to the record itself.
    /// </summary>
    public RecordSchema(SchemaName name, IReadOnlyList<SchemaName>? aliases = null, string? doc = null,
        IReadOnlyDictionary<string, JsonElement>? properties = null, bool isError = false)
        : base(AvroType.Record, name, aliases, doc, null, properties)
    {
        IsError = isError;
    }

    /// <summary>True for a protocol <c>error</c> type (parsed like a record).</summary>
    public bool IsError { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<RecordField> Fields => _fields ?? throw new InvalidOperationException($"record {Name} has no fields set yet");

    /// <summary>Attaches the fields; names must be unique.</summary>
    public void SetFields(IReadOnlyList<RecordField> fields)
    {
        if (_fields is not null)
        {
            throw new InvalidOperationException($"record {Name} already has its fields");
        }

        var byName = new Dictionary<string, RecordField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!byName.TryAdd(field.Name, field))
            {
                throw new AvroSchemaException($"{Name.Name}: duplicate field name '{field.Name}'");
            }
        }

        _byName = byName;
        _fields = fields;
    }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public RecordField? GetField(string name) =>
        (_byName ?? throw new InvalidOperationException($"record {Name} has no fields set yet")).GetValueOrDefault(name);
}
