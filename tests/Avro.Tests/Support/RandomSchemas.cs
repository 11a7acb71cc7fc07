using System.Text.Json;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Tests.Support;

/// <summary>Builds random valid schemas covering every type and logical type, for property and fuzz tests.</summary>
internal sealed class RandomSchemas(Random random)
{
    private int _names;

    public AvroSchema Next(int depth)
    {
        var choice = random.Next(depth <= 0 ? 9 : 15);
        return choice switch
        {
            < 8 => Primitive((AvroType)choice),
            8 => Logical(),
            9 => Enum(),
            10 => Fixed(random.Next(0, 20)),
            11 => new ArraySchema(Next(depth - 1)),
            12 => new MapSchema(Next(depth - 1)),
            13 => Union(depth - 1),
            _ => Record(depth - 1),
        };
    }

    public RecordSchema Record(int depth)
    {
        var record = new RecordSchema(new SchemaName($"R{_names++}", random.Next(2) == 0 ? null : "ns.sub"));
        var fieldCount = random.Next(0, 6);
        record.SetFields(Enumerable.Range(0, fieldCount).Select(i => new RecordField($"f{i}", i, Next(depth))).ToList());
        return record;
    }

    private static PrimitiveSchema Primitive(AvroType type) => new(type);

    private EnumSchema Enum() =>
        new(new SchemaName($"E{_names++}", null), Enumerable.Range(0, random.Next(1, 6)).Select(i => $"S{i}").ToList());

    private FixedSchema Fixed(int size, LogicalType? logicalType = null) => new(new SchemaName($"F{_names++}", "fx"), size, logicalType: logicalType);

    private UnionSchema Union(int depth)
    {
        var branches = new List<AvroSchema>();
        var keys = new HashSet<string>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var branch = Next(depth);
            if (branch is not UnionSchema && keys.Add(branch is NamedSchema n ? n.Name.FullName : branch.Type.ToJsonName()))
            {
                branches.Add(branch);
            }
        }

        return new UnionSchema(branches.Count > 0 ? branches : [AvroSchema.Null]);
    }

    private AvroSchema Logical()
    {
        var precision = random.Next(1, 30);
        return random.Next(12) switch
        {
            0 => new PrimitiveSchema(AvroType.Bytes, new DecimalLogicalType(precision, random.Next(0, precision + 1))),
            1 => Fixed(16, new DecimalLogicalType(Math.Min(precision, 38), 2 % (Math.Min(precision, 38) + 1))),
            2 => new PrimitiveSchema(AvroType.String, LogicalType.Uuid),
            3 => Fixed(16, LogicalType.Uuid),
            4 => new PrimitiveSchema(AvroType.Int, LogicalType.Date),
            5 => new PrimitiveSchema(AvroType.Int, LogicalType.TimeMillis),
            6 => new PrimitiveSchema(AvroType.Long, LogicalType.TimeMicros),
            7 => new PrimitiveSchema(AvroType.Long, LogicalType.TimestampMillis),
            8 => new PrimitiveSchema(AvroType.Long, LogicalType.TimestampMicros),
            9 => new PrimitiveSchema(AvroType.Long, LogicalType.LocalTimestampMillis),
            10 => new PrimitiveSchema(AvroType.Long, LogicalType.LocalTimestampMicros),
            _ => Fixed(12, LogicalType.Duration),
        };
    }

    /// <summary>A schema exercising every type at once, including a recursive record, for fuzzing.</summary>
    public static RecordSchema EveryType() => (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Everything","namespace":"fuzz","fields":[
          {"name":"n","type":"null"},{"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
          {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"by","type":"bytes"},{"name":"s","type":"string"},
          {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"],"default":"A"}},
          {"name":"fx","type":{"type":"fixed","name":"F","size":4}},
          {"name":"a","type":{"type":"array","items":["null","int","string"]}},
          {"name":"m","type":{"type":"map","values":{"type":"array","items":"long"}}},
          {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":3}},
          {"name":"id","type":{"type":"string","logicalType":"uuid"}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"tm","type":{"type":"int","logicalType":"time-millis"}},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"dur","type":{"type":"fixed","name":"Dur","size":12,"logicalType":"duration"}},
          {"name":"next","type":["null","Everything"]}]}
        """);

    /// <summary>Round-trips a schema through its JSON, so generated schemas are also parser-validated.</summary>
    public static AvroSchema Reparse(AvroSchema schema)
    {
        var json = schema.ToString();
        using var _ = JsonDocument.Parse(json);
        return AvroSchema.Parse(json);
    }
}
