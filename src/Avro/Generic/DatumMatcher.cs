using System.Collections;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>
/// Decides which union branch a generic value is written as. An exact pass (the value's natural
/// type, e.g. long for long, GenericRecord of the same full name) runs before a lenient one (int for
/// long, a symbol string for an enum, raw long for a timestamp), so ["int","long"] writes a long as long.
/// </summary>
public static class DatumMatcher
{
    /// <summary>The index of the branch <paramref name="value"/> is written as, or -1 if none fits.</summary>
    public static int SelectBranch(UnionSchema union, object? value)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < union.Branches.Count; i++)
            {
                if (Fits(union.Branches[i], value, exact: pass == 0))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static bool Fits(AvroSchema schema, object? value, bool exact)
    {
        if (schema.LogicalType is { } logicalType && value is not null)
        {
            // The exact pass gives a logical branch only its .NET type (a Guid for uuid), so a plain
            // string still prefers a plain "string" branch; the lenient pass accepts the stored type.
            if (FitsLogical(schema, logicalType, value, exact))
            {
                return true;
            }

            if (exact)
            {
                return false;
            }
        }

        return schema.Type switch
        {
            AvroType.Null => value is null,
            AvroType.Boolean => value is bool,
            AvroType.Int => value is int || (!exact && value is short or sbyte or byte or ushort),
            AvroType.Long => value is long || (!exact && value is int or uint or short or sbyte or byte or ushort),
            AvroType.Float => value is float,
            AvroType.Double => value is double || (!exact && value is float),
            AvroType.Bytes => value is byte[] or ReadOnlyMemory<byte>,
            AvroType.String => value is string,
            AvroType.Record => value is GenericRecord r && (exact ? r.Schema.Name == ((RecordSchema)schema).Name : r.Schema.Name.Name == ((RecordSchema)schema).Name.Name),
            AvroType.Enum => value is GenericEnum e ? (exact ? e.Schema.Name == ((EnumSchema)schema).Name : ((EnumSchema)schema).OrdinalOf(e.Symbol) >= 0)
                : !exact && value is string s && ((EnumSchema)schema).OrdinalOf(s) >= 0,
            AvroType.Fixed => value is GenericFixed f ? (exact ? f.Schema.Name == ((FixedSchema)schema).Name : f.Value.Length == ((FixedSchema)schema).Size)
                : !exact && value is byte[] b && b.Length == ((FixedSchema)schema).Size,
            AvroType.Array => value is ICollection and not IDictionary and not byte[],
            AvroType.Map => value is IDictionary or IDictionary<string, object?>,
            _ => false,
        };
    }

    private static bool FitsLogical(AvroSchema schema, LogicalType logicalType, object value, bool exact) => logicalType switch
    {
        DecimalLogicalType d => value switch
        {
            AvroDecimal v => FitsDecimal(schema, d, v, exact),
            decimal v => FitsDecimal(schema, d, AvroDecimal.FromDecimal(v), exact),
            _ => false,
        },
        _ when logicalType == LogicalType.Uuid => value is Guid,
        _ when logicalType == LogicalType.Date => value is DateOnly,
        _ when logicalType == LogicalType.TimeMillis || logicalType == LogicalType.TimeMicros => value is TimeOnly,
        _ when logicalType == LogicalType.TimestampMillis || logicalType == LogicalType.TimestampMicros => value is DateTimeOffset or DateTime,
        _ when logicalType == LogicalType.LocalTimestampMillis || logicalType == LogicalType.LocalTimestampMicros => value is DateTime,
        _ when logicalType == LogicalType.Duration => value is AvroDuration,
        _ => false,
    };

    /// <summary>
    /// A decimal goes only to a branch that holds it without rounding; the exact pass also wants the
    /// branch's scale to be the value's own, so a union of two decimal types keeps each value's scale.
    /// </summary>
    private static bool FitsDecimal(AvroSchema schema, DecimalLogicalType type, AvroDecimal value, bool exact) =>
        (!exact || value.Scale == type.Scale) && LogicalConversions.DecimalFits(schema, type, value);
}
