using System.ComponentModel;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts.Internal;

/// <summary>
/// Conversions the generated contracts use between their values and the core's generic model
/// (records, GenericEnum, List&lt;object?&gt;, Dictionary&lt;string, object?&gt;, DateTimeOffset, Guid).
/// Public only so code generated into other assemblies can call it; not an API to build on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ContractGeneric
{
    /// <summary>The named type <paramref name="fullName"/> defined somewhere inside <paramref name="root"/>.</summary>
    public static T Named<T>(RecordSchema root, string fullName)
        where T : NamedSchema =>
        Find(root, fullName, []) as T ?? throw new InvalidOperationException($"contract schema {root.Name} defines no {typeof(T).Name} {fullName}");

    private static NamedSchema? Find(AvroSchema schema, string fullName, HashSet<string> seen) => schema switch
    {
        NamedSchema named when named.Name.FullName == fullName => named,
        RecordSchema record when seen.Add(record.Name.FullName) => record.Fields.Select(f => Find(f.Schema, fullName, seen)).FirstOrDefault(s => s is not null),
        ArraySchema array => Find(array.Items, fullName, seen),
        MapSchema map => Find(map.Values, fullName, seen),
        UnionSchema union => union.Branches.Select(b => Find(b, fullName, seen)).FirstOrDefault(s => s is not null),
        _ => null,
    };

    public static T As<T>(object? value, string field) =>
        value is T typed ? typed
            : throw new AvroDecodeException($"{field}: expected {typeof(T).Name}, found {value?.GetType().Name ?? "null"}");

    public static Guid AsUuid(object? value, string field) => value switch
    {
        Guid g => g,
        string s => ContractBinary.ParseUuid(s),
        _ => throw new AvroDecodeException($"{field}: expected uuid, found {value?.GetType().Name ?? "null"}"),
    };

    public static DateTimeOffset AsTimestamp(object? value, string field) => value switch
    {
        DateTimeOffset t => t,
        long millis => ContractBinary.FromEpochMillis(millis),
        _ => throw new AvroDecodeException($"{field}: expected timestamp, found {value?.GetType().Name ?? "null"}"),
    };

    /// <summary>The ordinal of an enum value in the contract schema; C# enums declare symbols in schema order.</summary>
    public static int AsEnumOrdinal(object? value, EnumSchema schema, string field) => value switch
    {
        GenericEnum e => schema.OrdinalOf(e.Symbol) is var ordinal and >= 0 ? ordinal
            : throw new AvroDecodeException($"{field}: '{e.Symbol}' is not a symbol of {schema.Name}"),
        _ => throw new AvroDecodeException($"{field}: expected enum {schema.Name}, found {value?.GetType().Name ?? "null"}"),
    };

    public static GenericEnum Enum(EnumSchema schema, int value, string field) =>
        new(schema, schema.Symbols[ContractBinary.Ordinal(value, schema.Symbols.Count, field)]);

    public static T[] AsArray<T>(object? value, string field, Func<object?, T> map) =>
        [.. As<IList<object?>>(value, field).Select(map)];

    public static Dictionary<string, T> AsMap<T>(object? value, string field, Func<object?, T> map) =>
        As<IDictionary<string, object?>>(value, field).ToDictionary(e => e.Key, e => map(e.Value), StringComparer.Ordinal);

    public static List<object?> List<T>(IReadOnlyList<T> items, Func<T, object?> map) => [.. items.Select(map)];

    public static Dictionary<string, object?> Map<T>(IReadOnlyDictionary<string, T> map, Func<T, object?> convert) =>
        map.ToDictionary(e => e.Key, e => convert(e.Value), StringComparer.Ordinal);
}
