using System.Collections;
using ApacheSchema = Avro.Schema;
using Ours = RecoStreams.Avro.Generic;

namespace RecoStreams.Avro.Tests.Oracles;

/// <summary>
/// Translates a datum of the project's generic model into Apache.Avro's generic model, guided by the
/// Apache schema, so Apache's own writer can encode the same value. Logical values go over as the .NET
/// types Apache expects (timestamps as UTC DateTime, uuids as Guid).
/// </summary>
internal static class ApacheDatum
{
    /// <summary>
    /// True when Apache.Avro 1.12 writes <paramref name="instant"/> as its exact millisecond count: it converts
    /// through <c>TimeSpan.TotalMilliseconds</c>, a double, which drops a millisecond for some instants more
    /// than about 28 years from 1970 (where ticks exceed 2^53). Such values cannot serve as an oracle.
    /// </summary>
    public static bool ApacheWritesExactly(DateTimeOffset instant) =>
        (long)(instant.UtcDateTime - DateTime.UnixEpoch).TotalMilliseconds == instant.ToUnixTimeMilliseconds();

    /// <summary>True when every timestamp in the project's generic datum is one Apache writes exactly.</summary>
    public static bool ApacheWritesExactly(object? value) => value switch
    {
        DateTimeOffset instant => ApacheWritesExactly(instant),
        Ours.GenericRecord record => record.Schema.Fields.All(field => ApacheWritesExactly(record[field.Name])),
        string or byte[] => true,
        IEnumerable<KeyValuePair<string, object?>> map => map.All(e => ApacheWritesExactly(e.Value)),
        IEnumerable items => items.Cast<object?>().All(ApacheWritesExactly),
        _ => true,
    };

    public static object? From(ApacheSchema schema, object? value) => schema switch
    {
        global::Avro.UnionSchema union => From(Branch(union, value), value),
        global::Avro.LogicalSchema logical => FromLogical(logical, value),
        global::Avro.RecordSchema record => FromRecord(record, (Ours.GenericRecord)value!),
        global::Avro.EnumSchema enumSchema => new global::Avro.Generic.GenericEnum(enumSchema, ((Ours.GenericEnum)value!).Symbol),
        global::Avro.FixedSchema fixedSchema => new global::Avro.Generic.GenericFixed(fixedSchema, ((Ours.GenericFixed)value!).Value),
        global::Avro.ArraySchema array => ((IEnumerable)value!).Cast<object?>().Select(item => From(array.ItemSchema, item)).ToArray(),
        global::Avro.MapSchema map => Entries(value!).ToDictionary(e => e.Key, e => From(map.ValueSchema, e.Value)),
        _ => value,
    };

    private static global::Avro.Generic.GenericRecord FromRecord(global::Avro.RecordSchema schema, Ours.GenericRecord value)
    {
        var record = new global::Avro.Generic.GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record.Add(field.Name, From(field.Schema, value[field.Name]));
        }

        return record;
    }

    private static object? FromLogical(global::Avro.LogicalSchema schema, object? value) => (schema.LogicalTypeName, value) switch
    {
        ("timestamp-millis" or "timestamp-micros", DateTimeOffset instant) => instant.UtcDateTime,
        _ => value,
    };

    // The contracts' unions are [null, T]: the null branch for null, the other one otherwise.
    private static ApacheSchema Branch(global::Avro.UnionSchema union, object? value) =>
        union.Schemas.First(branch => (branch.Tag == ApacheSchema.Type.Null) == (value is null));

    private static IEnumerable<KeyValuePair<string, object?>> Entries(object map) => map switch
    {
        IEnumerable<KeyValuePair<string, object?>> generic => generic,
        IDictionary plain => plain.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>((string)e.Key, e.Value)),
        _ => throw new ArgumentException($"not a map: {map.GetType()}", nameof(map)),
    };
}
