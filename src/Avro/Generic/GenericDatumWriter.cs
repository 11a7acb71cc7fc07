using System.Buffers;
using System.Collections;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>
/// Writes generic values (as produced by <see cref="GenericDatumReader"/>, or built by hand) in the
/// Avro binary encoding of <see cref="Schema"/>. Thread-safe; values that do not fit the schema raise
/// <see cref="AvroEncodeException"/> naming the field path.
/// </summary>
public sealed class GenericDatumWriter(AvroSchema schema)
{
    /// <summary>The schema values are written with.</summary>
    public AvroSchema Schema { get; } = schema ?? throw new ArgumentNullException(nameof(schema));

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public void Write(object? value, AvroBinaryWriter writer) => Write(Schema, value, writer);

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(value, new AvroBinaryWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(AvroSchema schema, object? value, AvroBinaryWriter writer)
    {
        if (schema.LogicalType is not null)
        {
            value = LogicalConversions.ToStored(schema, value);
        }

        switch (schema.Type)
        {
            case AvroType.Null:
                if (value is not null)
                {
                    throw Mismatch(schema, value);
                }

                break;
            case AvroType.Boolean:
                writer.WriteBoolean(value as bool? ?? throw Mismatch(schema, value));
                break;
            case AvroType.Int:
                writer.WriteInt(value switch
                {
                    int i => i,
                    short s => s,
                    sbyte sb => sb,
                    byte b => b,
                    ushort us => us,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Long:
                writer.WriteLong(value switch
                {
                    long l => l,
                    int i => i,
                    uint ui => ui,
                    short s => s,
                    sbyte sb => sb,
                    byte b => b,
                    ushort us => us,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Float:
                writer.WriteFloat(value as float? ?? throw Mismatch(schema, value));
                break;
            case AvroType.Double:
                writer.WriteDouble(value switch
                {
                    double d => d,
                    float f => f,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Bytes:
                writer.WriteBytes(value switch
                {
                    byte[] bytes => bytes,
                    ReadOnlyMemory<byte> memory => memory.Span,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.String:
                writer.WriteString(value as string ?? throw Mismatch(schema, value));
                break;
            case AvroType.Fixed:
                WriteFixed((FixedSchema)schema, value, writer);
                break;
            case AvroType.Enum:
                WriteEnum((EnumSchema)schema, value, writer);
                break;
            case AvroType.Array:
                WriteArray((ArraySchema)schema, value, writer);
                break;
            case AvroType.Map:
                WriteMap((MapSchema)schema, value, writer);
                break;
            case AvroType.Record:
                WriteRecord((RecordSchema)schema, value, writer);
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                var index = DatumMatcher.SelectBranch(union, value);
                if (index < 0)
                {
                    throw new AvroEncodeException($"{GenericDataEquality.Format(value)} ({value?.GetType().Name ?? "null"}) matches no branch of union {union}");
                }

                writer.WriteUnionIndex(index);
                Write(union.Branches[index], value, writer);
                break;
        }
    }

    private static void WriteFixed(FixedSchema schema, object? value, AvroBinaryWriter writer)
    {
        var bytes = value switch
        {
            GenericFixed f => f.Value,
            byte[] b => b,
            _ => throw Mismatch(schema, value),
        };
        if (bytes.Length != schema.Size)
        {
            throw new AvroEncodeException($"fixed {schema.Name} needs {schema.Size} bytes, got {bytes.Length}");
        }

        writer.WriteFixed(bytes);
    }

    private static void WriteEnum(EnumSchema schema, object? value, AvroBinaryWriter writer)
    {
        var symbol = value switch
        {
            GenericEnum e => e.Symbol,
            string s => s,
            _ => throw Mismatch(schema, value),
        };
        var ordinal = schema.OrdinalOf(symbol);
        writer.WriteEnum(ordinal >= 0 ? ordinal : throw new AvroEncodeException($"'{symbol}' is not a symbol of enum {schema.Name}"));
    }

    private static void WriteArray(ArraySchema schema, object? value, AvroBinaryWriter writer)
    {
        if (value is not ICollection items || value is IDictionary or byte[])
        {
            throw Mismatch(schema, value);
        }

        if (items.Count > 0)
        {
            writer.WriteBlockCount(items.Count);
            var index = 0;
            foreach (var item in items)
            {
                try
                {
                    Write(schema.Items, item, writer);
                }
                catch (AvroEncodeException e)
                {
                    throw WithPath(e, $"[{index}]");
                }

                index++;
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteMap(MapSchema schema, object? value, AvroBinaryWriter writer)
    {
        var entries = value switch
        {
            IDictionary<string, object?> generic => generic.ToList(),
            IDictionary map => map.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(
                e.Key as string ?? throw new AvroEncodeException($"map keys must be strings, got {e.Key.GetType().Name}"), e.Value)).ToList(),
            _ => throw Mismatch(schema, value),
        };

        if (entries.Count > 0)
        {
            writer.WriteBlockCount(entries.Count);
            foreach (var (key, item) in entries)
            {
                writer.WriteString(key);
                try
                {
                    Write(schema.Values, item, writer);
                }
                catch (AvroEncodeException e)
                {
                    throw WithPath(e, $"[\"{key}\"]");
                }
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteRecord(RecordSchema schema, object? value, AvroBinaryWriter writer)
    {
        if (value is not GenericRecord record)
        {
            throw Mismatch(schema, value);
        }

        var sameSchema = ReferenceEquals(record.Schema, schema);
        foreach (var field in schema.Fields)
        {
            object? fieldValue;
            if (sameSchema)
            {
                fieldValue = record[field.Position];
            }
            else if (!record.TryGetValue(field.Name, out fieldValue))
            {
                throw new AvroEncodeException($"record {record.Schema.Name} has no field '{field.Name}' required by {schema.Name}");
            }

            try
            {
                Write(field.Schema, fieldValue, writer);
            }
            catch (AvroEncodeException e)
            {
                throw WithPath(e, field.Name);
            }
        }
    }

    /// <summary>Prefixes the path segment of the failing part to an encode error as it unwinds.</summary>
    private static AvroEncodeException WithPath(AvroEncodeException error, string segment)
    {
        var inner = error.Data[PathKey] as string;
        var path = inner is null ? segment : segment + (inner.StartsWith('[') ? inner : "." + inner);
        var message = inner is null ? error.Message : error.Message[(inner.Length + 2)..];
        var wrapped = new AvroEncodeException($"{path}: {message}", error.InnerException ?? error);
        wrapped.Data[PathKey] = path;
        return wrapped;
    }

    private const string PathKey = "avro.path";

    private static AvroEncodeException Mismatch(AvroSchema schema, object? value) =>
        new($"{GenericDataEquality.Format(value)} ({value?.GetType().Name ?? "null"}) is not a valid {schema.Type.ToJsonName()}"
            + (schema is NamedSchema named ? $" '{named.Name.FullName}'" : ""));
}
