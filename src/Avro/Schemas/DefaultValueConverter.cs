using System.Text.Json;
using RecoStreams.Avro.Generic;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// Converts a field default, written as JSON in the schema, into the generic value a reader
/// produces for that schema. Throws <see cref="AvroSchemaException"/> when the JSON does not fit,
/// which is how the parser validates defaults.
/// </summary>
public static class DefaultValueConverter
{
    /// <summary>Converts <paramref name="json"/> to a generic value of <paramref name="schema"/>.</summary>
    public static object? Convert(AvroSchema schema, JsonElement json)
    {
        var stored = ConvertStored(schema, json);
        if (schema.LogicalType is null || stored is null)
        {
            return stored;
        }

        try
        {
            return LogicalConversions.FromStored(schema.LogicalType, stored);
        }
        catch (AvroDecodeException e)
        {
            throw new AvroSchemaException(e.Message, e);
        }
    }

    private static object? ConvertStored(AvroSchema schema, JsonElement json)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                return json.ValueKind == JsonValueKind.Null ? null : throw Mismatch(schema, json);
            case AvroType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Mismatch(schema, json),
                };
            case AvroType.Int:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Mismatch(schema, json);
            case AvroType.Long:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Mismatch(schema, json);
            case AvroType.Float:
                return (float)FloatingPoint(schema, json);
            case AvroType.Double:
                return FloatingPoint(schema, json);
            case AvroType.Bytes:
                return Latin1Bytes(schema, json);
            case AvroType.String:
                return json.ValueKind == JsonValueKind.String ? json.GetString() : throw Mismatch(schema, json);
            case AvroType.Fixed:
                var fixedSchema = (FixedSchema)schema;
                var bytes = Latin1Bytes(schema, json);
                return bytes.Length == fixedSchema.Size ? new GenericFixed(fixedSchema, bytes)
                    : throw new AvroSchemaException($"fixed {fixedSchema.Name} needs {fixedSchema.Size} bytes, default has {bytes.Length}");
            case AvroType.Enum:
                var enumSchema = (EnumSchema)schema;
                return json.ValueKind == JsonValueKind.String && enumSchema.OrdinalOf(json.GetString()!) >= 0
                    ? new GenericEnum(enumSchema, json.GetString()!)
                    : throw new AvroSchemaException($"{json.GetRawText()} is not a symbol of enum {enumSchema.Name}");
            case AvroType.Array:
                return json.ValueKind == JsonValueKind.Array
                    ? json.EnumerateArray().Select(item => Convert(((ArraySchema)schema).Items, item)).ToList()
                    : throw Mismatch(schema, json);
            case AvroType.Map:
                return json.ValueKind == JsonValueKind.Object
                    ? json.EnumerateObject().ToDictionary(p => p.Name, p => Convert(((MapSchema)schema).Values, p.Value), StringComparer.Ordinal)
                    : throw Mismatch(schema, json);
            case AvroType.Record:
                return Record((RecordSchema)schema, json);
            case AvroType.Union:
                // The spec (1.11) says a union's default corresponds to its first branch.
                return Convert(((UnionSchema)schema).Branches[0], json);
            default:
                throw Mismatch(schema, json);
        }
    }

    private static GenericRecord Record(RecordSchema schema, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(schema, json);
        }

        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
            {
                record[field.Position] = Convert(field.Schema, value);
            }
            else if (field.DefaultValue is { } fieldDefault)
            {
                record[field.Position] = Convert(field.Schema, fieldDefault);
            }
            else
            {
                throw new AvroSchemaException($"record {schema.Name} default lacks field '{field.Name}', which has no default of its own");
            }
        }

        return record;
    }

    private static double FloatingPoint(AvroSchema schema, JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => json.GetDouble(),
        // JSON has no NaN or infinities; Avro implementations write them as these strings.
        JsonValueKind.String when json.GetString() == "NaN" => double.NaN,
        JsonValueKind.String when json.GetString() == "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when json.GetString() == "-Infinity" => double.NegativeInfinity,
        _ => throw Mismatch(schema, json),
    };

    /// <summary>Bytes and fixed defaults are strings whose code points 0-255 are the byte values.</summary>
    private static byte[] Latin1Bytes(AvroSchema schema, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            throw Mismatch(schema, json);
        }

        var text = json.GetString()!;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw new AvroSchemaException($"bytes default has character U+{(int)text[i]:X4} above U+00FF");
        }

        return bytes;
    }

    private static AvroSchemaException Mismatch(AvroSchema schema, JsonElement json)
    {
        var raw = json.GetRawText();
        return new AvroSchemaException($"{(raw.Length > 40 ? raw[..40] + "…" : raw)} is not a valid {schema.Type.ToJsonName()}");
    }
}
