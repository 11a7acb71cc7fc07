using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Resolution;

/// <summary>The spec's schema resolution rules for when a writer schema "matches" a reader schema.</summary>
public static class SchemaMatching
{
    /// <summary>
    /// True when <paramref name="writer"/> can be read as <paramref name="reader"/> at the top level:
    /// same primitive type or a permitted promotion, or named types with matching names (fixed also
    /// needs equal size), or two arrays, or two maps. Unions match when any branch can be resolved.
    /// Nested items, values and fields are checked when the plan is built.
    /// </summary>
    public static bool Matches(AvroSchema writer, AvroSchema reader)
    {
        if (writer is UnionSchema || reader is UnionSchema)
        {
            return true;
        }

        return (writer, reader) switch
        {
            (RecordSchema w, RecordSchema r) => NamesMatch(w, r),
            (EnumSchema w, EnumSchema r) => NamesMatch(w, r),
            (FixedSchema w, FixedSchema r) => NamesMatch(w, r) && w.Size == r.Size && DecimalsMatch(w, r),
            (ArraySchema, ArraySchema) or (MapSchema, MapSchema) => true,
            (PrimitiveSchema w, PrimitiveSchema r) => IsPromotable(w.Type, r.Type) && DecimalsMatch(w, r),
            _ => false,
        };
    }

    /// <summary>
    /// The spec: two decimal schemas match only with equal precision and scale. Reading one scale as
    /// another would silently multiply values by a power of ten, so a mismatch does not resolve.
    /// </summary>
    public static bool DecimalsMatch(AvroSchema writer, AvroSchema reader) =>
        writer.LogicalType is not DecimalLogicalType w || reader.LogicalType is not DecimalLogicalType r
        || (w.Precision == r.Precision && w.Scale == r.Scale);

    /// <summary>True when both schemas have the same type and, for named types, the same full name (and size for fixed).</summary>
    public static bool IsSameType(AvroSchema writer, AvroSchema reader) => writer.Type == reader.Type && (writer, reader) switch
    {
        (FixedSchema w, FixedSchema r) => w.Name == r.Name && w.Size == r.Size,
        (NamedSchema w, NamedSchema r) => w.Name == r.Name,
        _ => true,
    };

    /// <summary>True when a writer primitive of type <paramref name="writer"/> can be read as <paramref name="reader"/>.</summary>
    public static bool IsPromotable(AvroType writer, AvroType reader) => writer == reader || (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    /// <summary>
    /// Named types match when their unqualified names are equal (as the spec says), or when one of the
    /// reader's aliases names the writer (by full name, or by unqualified name).
    /// </summary>
    public static bool NamesMatch(NamedSchema writer, NamedSchema reader) =>
        writer.Name.Name == reader.Name.Name
        || reader.Aliases.Any(alias => alias.FullName == writer.Name.FullName || alias.Name == writer.Name.Name);

    /// <summary>The reader field that receives writer field <paramref name="writerField"/>: same name first, then a reader alias.</summary>
    public static RecordField? FindReaderField(RecordSchema reader, RecordField writerField) =>
        reader.GetField(writerField.Name) ?? reader.Fields.FirstOrDefault(f => f.Aliases.Contains(writerField.Name));

    /// <summary>The fewest bytes a value of <paramref name="schema"/> can occupy on the wire.</summary>
    public static int MinEncodedSize(AvroSchema schema) => MinEncodedSize(schema, []);

    private static int MinEncodedSize(AvroSchema schema, HashSet<RecordSchema> visiting) => schema switch
    {
        PrimitiveSchema { Type: AvroType.Null } => 0,
        PrimitiveSchema { Type: AvroType.Float } => 4,
        PrimitiveSchema { Type: AvroType.Double } => 8,
        PrimitiveSchema => 1,
        FixedSchema f => f.Size,
        RecordSchema r => visiting.Add(r) ? SumFields(r, visiting) : 0,
        _ => 1, // enum ordinal, union index, array/map terminator: at least one byte each
    };

    private static int SumFields(RecordSchema record, HashSet<RecordSchema> visiting)
    {
        long total = record.Fields.Sum(f => (long)MinEncodedSize(f.Schema, visiting));
        visiting.Remove(record);
        return (int)Math.Min(total, int.MaxValue);
    }
}
