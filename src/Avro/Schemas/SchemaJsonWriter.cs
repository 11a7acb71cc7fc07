using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// Writes a schema as JSON, either in full or in the spec's Parsing Canonical Form (full names,
/// only the attributes that affect parsing, in the spec's order, no whitespace). A named type is
/// written in full at its first occurrence and by full name after that.
/// </summary>
internal sealed class SchemaJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Utf8JsonWriter _json;
    private readonly bool _canonical;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    private SchemaJsonWriter(Utf8JsonWriter json, bool canonical)
    {
        _json = json;
        _canonical = canonical;
    }

    public static string Write(AvroSchema schema, bool canonical)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            new SchemaJsonWriter(json, canonical).WriteSchema(schema, null);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteSchema(AvroSchema schema, string? enclosingNamespace)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                WritePrimitive(primitive);
                break;
            case UnionSchema union:
                _json.WriteStartArray();
                foreach (var branch in union.Branches)
                {
                    WriteSchema(branch, enclosingNamespace);
                }

                _json.WriteEndArray();
                break;
            case ArraySchema array:
                _json.WriteStartObject();
                _json.WriteString("type", "array");
                _json.WritePropertyName("items");
                WriteSchema(array.Items, enclosingNamespace);
                WriteProperties(array.Properties);
                _json.WriteEndObject();
                break;
            case MapSchema map:
                _json.WriteStartObject();
                _json.WriteString("type", "map");
                _json.WritePropertyName("values");
                WriteSchema(map.Values, enclosingNamespace);
                WriteProperties(map.Properties);
                _json.WriteEndObject();
                break;
            case NamedSchema named:
                WriteNamed(named, enclosingNamespace);
                break;
            default:
                throw new ArgumentException($"unsupported schema {schema.GetType().Name}", nameof(schema));
        }
    }

    private void WritePrimitive(PrimitiveSchema schema)
    {
        var name = schema.Type.ToJsonName();
        if (_canonical || (schema.LogicalType is null && schema.Properties.Count == 0))
        {
            _json.WriteStringValue(name);
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("type", name);
        WriteLogicalType(schema.LogicalType);
        WriteProperties(schema.Properties);
        _json.WriteEndObject();
    }

    private void WriteNamed(NamedSchema schema, string? enclosingNamespace)
    {
        var fullName = schema.Name.FullName;
        if (!_written.Add(fullName))
        {
            var sameNamespace = !_canonical && schema.Name.Namespace == enclosingNamespace;
            _json.WriteStringValue(sameNamespace ? schema.Name.Name : fullName);
            return;
        }

        _json.WriteStartObject();
        if (_canonical)
        {
            _json.WriteString("name", fullName);
        }
        else
        {
            _json.WriteString("type", schema.Type.ToJsonName());
            _json.WriteString("name", schema.Name.Name);
            if (schema.Name.Namespace != enclosingNamespace)
            {
                // An empty namespace is how a nested type leaves an enclosing namespace for the null one.
                _json.WriteString("namespace", schema.Name.Namespace ?? "");
            }

            if (schema.Doc is not null)
            {
                _json.WriteString("doc", schema.Doc);
            }

            if (schema.Aliases.Count > 0)
            {
                _json.WriteStartArray("aliases");
                foreach (var alias in schema.Aliases)
                {
                    _json.WriteStringValue(alias.FullName);
                }

                _json.WriteEndArray();
            }
        }

        if (_canonical)
        {
            _json.WriteString("type", schema.Type.ToJsonName());
        }

        switch (schema)
        {
            case RecordSchema record:
                WriteFields(record);
                break;
            case EnumSchema enumSchema:
                _json.WriteStartArray("symbols");
                foreach (var symbol in enumSchema.Symbols)
                {
                    _json.WriteStringValue(symbol);
                }

                _json.WriteEndArray();
                if (!_canonical && enumSchema.Default is not null)
                {
                    _json.WriteString("default", enumSchema.Default);
                }

                break;
            case FixedSchema fixedSchema:
                _json.WriteNumber("size", fixedSchema.Size);
                if (!_canonical)
                {
                    WriteLogicalType(fixedSchema.LogicalType);
                }

                break;
        }

        if (!_canonical)
        {
            WriteProperties(schema.Properties);
        }

        _json.WriteEndObject();
    }

    private void WriteFields(RecordSchema record)
    {
        _json.WriteStartArray("fields");
        foreach (var field in record.Fields)
        {
            _json.WriteStartObject();
            _json.WriteString("name", field.Name);
            _json.WritePropertyName("type");
            WriteSchema(field.Schema, record.Name.Namespace);
            if (!_canonical)
            {
                if (field.Doc is not null)
                {
                    _json.WriteString("doc", field.Doc);
                }

                if (field.DefaultValue is { } defaultValue)
                {
                    _json.WritePropertyName("default");
                    defaultValue.WriteTo(_json);
                }

                if (field.Order != FieldOrder.Ascending)
                {
                    _json.WriteString("order", field.Order == FieldOrder.Descending ? "descending" : "ignore");
                }

                if (field.Aliases.Count > 0)
                {
                    _json.WriteStartArray("aliases");
                    foreach (var alias in field.Aliases)
                    {
                        _json.WriteStringValue(alias);
                    }

                    _json.WriteEndArray();
                }

                WriteProperties(field.Properties);
            }

            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void WriteLogicalType(LogicalType? logicalType)
    {
        if (logicalType is null)
        {
            return;
        }

        _json.WriteString("logicalType", logicalType.Name);
        if (logicalType is DecimalLogicalType decimalType)
        {
            _json.WriteNumber("precision", decimalType.Precision);
            _json.WriteNumber("scale", decimalType.Scale);
        }
    }

    private void WriteProperties(IReadOnlyDictionary<string, JsonElement> properties)
    {
        if (_canonical)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            _json.WritePropertyName(name);
            value.WriteTo(_json);
        }
    }
}
