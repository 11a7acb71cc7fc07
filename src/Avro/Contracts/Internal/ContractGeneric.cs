using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts.Internal;

/// <summary>
/// Conversions between contract values and the core's generic model (records, GenericEnum,
/// List&lt;object?&gt;, Dictionary&lt;string, object?&gt;, DateTimeOffset, Guid).
/// </summary>
internal static class ContractGeneric
{
    public static RecordSchema RecordOf(AvroSchema schema) =>
        schema as RecordSchema ?? throw new InvalidOperationException($"contract schema {schema} is not a record");

    public static RecordSchema ArrayItemRecord(RecordSchema owner, string field) =>
        RecordOf(((ArraySchema)FieldSchema(owner, field)).Items);

    public static EnumSchema EnumOf(RecordSchema owner, string field) => (EnumSchema)FieldSchema(owner, field);

    public static AvroSchema FieldSchema(RecordSchema owner, string field) =>
        (owner.GetField(field) ?? throw new InvalidOperationException($"contract schema {owner.Name} has no field {field}")).Schema;

    public static T Get<T>(GenericRecord record, string field)
    {
        var value = record[field];
        return value is T typed ? typed
            : throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected {typeof(T).Name}, found {value?.GetType().Name ?? "null"}");
    }

    public static T? GetOptional<T>(GenericRecord record, string field)
        where T : struct =>
        record[field] switch
        {
            null => null,
            T typed => typed,
            var other => throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected {typeof(T).Name} or null, found {other.GetType().Name}"),
        };

    public static string? GetOptionalString(GenericRecord record, string field) =>
        record[field] switch
        {
            null => null,
            string s => s,
            var other => throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected string or null, found {other.GetType().Name}"),
        };

    public static Guid GetUuid(GenericRecord record, string field) =>
        record[field] switch
        {
            Guid g => g,
            string s => ContractBinary.ParseUuid(s),
            var other => throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected uuid, found {other?.GetType().Name ?? "null"}"),
        };

    public static DateTimeOffset GetTimestamp(GenericRecord record, string field) =>
        record[field] switch
        {
            DateTimeOffset t => t,
            long millis => ContractBinary.FromEpochMillis(millis),
            var other => throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected timestamp, found {other?.GetType().Name ?? "null"}"),
        };

    public static DateTimeOffset? GetOptionalTimestamp(GenericRecord record, string field) =>
        record[field] is null ? null : GetTimestamp(record, field);

    /// <summary>The ordinal of an enum value in the contract schema; C# enums declare symbols in schema order.</summary>
    public static int GetEnumOrdinal(GenericRecord record, string field, EnumSchema schema) =>
        record[field] switch
        {
            GenericEnum e => schema.OrdinalOf(e.Symbol) is var ordinal and >= 0 ? ordinal
                : throw new AvroDecodeException($"{record.Schema.Name}.{field}: '{e.Symbol}' is not a symbol of {schema.Name}"),
            var other => throw new AvroDecodeException($"{record.Schema.Name}.{field}: expected enum {schema.Name}, found {other?.GetType().Name ?? "null"}"),
        };

    public static GenericEnum Enum(EnumSchema schema, int ordinal) => new(schema, schema.Symbols[ordinal]);

    /// <summary>Checks a C# enum value (its Avro ordinal) against the schema before it is written.</summary>
    public static int Ordinal(EnumSchema schema, int value, string field) =>
        value >= 0 && value < schema.Symbols.Count ? value
            : throw new AvroEncodeException($"{field}: {value} is not an ordinal of enum {schema.Name}");

    public static string[] GetStrings(GenericRecord record, string field) =>
        Get<IList<object?>>(record, field).Select(item => item as string
            ?? throw new AvroDecodeException($"{record.Schema.Name}.{field}: array item is not a string")).ToArray();

    public static T[] GetRecords<T>(GenericRecord record, string field, Func<GenericRecord, T> map) =>
        Get<IList<object?>>(record, field).Select(item => item is GenericRecord r ? map(r)
            : throw new AvroDecodeException($"{record.Schema.Name}.{field}: array item is not a record")).ToArray();

    public static Dictionary<string, string> GetStringMap(GenericRecord record, string field) =>
        Get<IDictionary<string, object?>>(record, field).ToDictionary(
            e => e.Key,
            e => e.Value as string ?? throw new AvroDecodeException($"{record.Schema.Name}.{field}[\"{e.Key}\"]: value is not a string"),
            StringComparer.Ordinal);

    public static List<object?> List<T>(IEnumerable<T> items, Func<T, object?> map) => items.Select(map).ToList();

    public static Dictionary<string, object?> Map(IReadOnlyDictionary<string, string> map) =>
        map.ToDictionary(e => e.Key, e => (object?)e.Value, StringComparer.Ordinal);
}
