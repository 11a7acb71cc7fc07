using System.Numerics;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Generic;

public sealed class GenericDatumRoundTripTests
{
    private static object? RoundTrip(AvroSchema schema, object? value) =>
        new GenericDatumReader(schema).Read(new GenericDatumWriter(schema).Encode(value));

    [Fact]
    public void Record_with_every_type_round_trips()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"All","namespace":"t","fields":[
              {"name":"n","type":"null"},{"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
              {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"by","type":"bytes"},{"name":"s","type":"string"},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
              {"name":"fx","type":{"type":"fixed","name":"F","size":3}},
              {"name":"a","type":{"type":"array","items":"long"}},
              {"name":"m","type":{"type":"map","values":["null","string"]}},
              {"name":"u","type":["null","E","F","All"]}]}
            """);
        var inner = new GenericRecord(schema);
        var record = new GenericRecord(schema)
        {
            ["n"] = null,
            ["b"] = true,
            ["i"] = -5,
            ["l"] = long.MaxValue,
            ["f"] = 1.5f,
            ["d"] = double.NaN,
            ["by"] = new byte[] { 0, 255 },
            ["s"] = "héllo ☃",
            ["e"] = new GenericEnum((EnumSchema)schema.GetField("e")!.Schema, "C"),
            ["fx"] = new GenericFixed((FixedSchema)schema.GetField("fx")!.Schema, [1, 2, 3]),
            ["a"] = new List<object?> { 1L, -2L },
            ["m"] = new Dictionary<string, object?> { ["k"] = "v", ["z"] = null },
        };
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            inner[i] = record[i];
        }

        record["u"] = inner;
        inner["u"] = new GenericEnum((EnumSchema)schema.GetField("e")!.Schema, "A");
        Assert.Equal(record, RoundTrip(schema, record));
    }

    [Fact]
    public void Logical_types_map_to_dotnet_types_and_round_trip()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"L","fields":[
              {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":20,"scale":4}},
              {"name":"decf","type":{"type":"fixed","name":"DF","size":8,"logicalType":"decimal","precision":18,"scale":2}},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"tm","type":{"type":"int","logicalType":"time-millis"}},
              {"name":"tu","type":{"type":"long","logicalType":"time-micros"}},
              {"name":"tsm","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"tsu","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"ltm","type":{"type":"long","logicalType":"local-timestamp-millis"}},
              {"name":"ltu","type":{"type":"long","logicalType":"local-timestamp-micros"}},
              {"name":"dur","type":{"type":"fixed","name":"Dur","size":12,"logicalType":"duration"}}]}
            """);
        var record = new GenericRecord(schema)
        {
            ["dec"] = new AvroDecimal(BigInteger.Parse("-12345678901234567890"), 4),
            ["decf"] = new AvroDecimal(-1, 2),
            ["id"] = Guid.Parse("0b6bd1b4-8e10-4dd4-9a5c-1f3e7d3c2a10"),
            ["day"] = new DateOnly(1969, 7, 20),
            ["tm"] = new TimeOnly(23, 59, 59, 999),
            ["tu"] = new TimeOnly(12, 0, 0).Add(TimeSpan.FromTicks(10)),
            ["tsm"] = new DateTimeOffset(1960, 1, 1, 0, 0, 0, 1, TimeSpan.Zero),
            ["tsu"] = new DateTimeOffset(2026, 11, 22, 6, 35, 0, TimeSpan.Zero).AddTicks(10),
            ["ltm"] = new DateTime(2026, 1, 2, 3, 4, 5, 6, DateTimeKind.Unspecified),
            ["ltu"] = new DateTime(1900, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(30),
            ["dur"] = new AvroDuration(1, 2, 3),
        };
        Assert.Equal(record, RoundTrip(schema, record));
    }

    [Fact]
    public void System_decimal_is_written_at_the_schema_scale()
    {
        var schema = AvroSchema.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":6,\"scale\":3}");
        Assert.Equal(new AvroDecimal(12500, 3), RoundTrip(schema, 12.5m));
        Assert.Equal(12.5m, ((AvroDecimal)RoundTrip(schema, 12.5m)!).ToDecimal());
        Assert.Throws<AvroEncodeException>(() => RoundTrip(schema, 1.2345m));
        Assert.Throws<AvroEncodeException>(() => RoundTrip(schema, 1234.5m));
    }

    [Fact]
    public void Union_writes_the_exact_branch_before_a_promotable_one()
    {
        var schema = (UnionSchema)AvroSchema.Parse("[\"null\",\"long\",\"int\",\"string\"]");
        Assert.Equal(2, DatumMatcher.SelectBranch(schema, 5));
        Assert.Equal(1, DatumMatcher.SelectBranch(schema, 5L));
        Assert.Equal(0, DatumMatcher.SelectBranch(schema, null));
        Assert.Equal(-1, DatumMatcher.SelectBranch(schema, 1.0));
        Assert.Equal(5, RoundTrip(schema, 5));
    }

    [Fact]
    public void Union_accepts_logical_dotnet_types_and_their_stored_types()
    {
        var schema = (UnionSchema)AvroSchema.Parse("[\"null\",{\"type\":\"string\",\"logicalType\":\"uuid\"},{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"int\"]");
        Assert.Equal(1, DatumMatcher.SelectBranch(schema, Guid.NewGuid()));
        Assert.Equal(1, DatumMatcher.SelectBranch(schema, "0b6bd1b4-8e10-4dd4-9a5c-1f3e7d3c2a10"));
        Assert.Equal(2, DatumMatcher.SelectBranch(schema, DateTimeOffset.UnixEpoch));
        Assert.Equal(2, DatumMatcher.SelectBranch(schema, 1000L));
        Assert.Equal(3, DatumMatcher.SelectBranch(schema, 5));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), RoundTrip(schema, 1000L));
    }

    [Fact]
    public void Union_of_two_decimal_types_writes_each_value_to_a_branch_that_holds_it()
    {
        // A 19-digit value must not go to the first decimal branch just because it is a decimal.
        var schema = (UnionSchema)AvroSchema.Parse("""
            ["null",{"type":"bytes","logicalType":"decimal","precision":17,"scale":2},
             {"type":"fixed","name":"Wide","size":16,"logicalType":"decimal","precision":38,"scale":2},
             {"type":"fixed","name":"Whole","size":8,"logicalType":"decimal","precision":10,"scale":0}]
            """);
        var wide = new AvroDecimal(BigInteger.Parse("9935622670820378274"), 2);
        Assert.Equal(2, DatumMatcher.SelectBranch(schema, wide));
        Assert.Equal(wide, RoundTrip(schema, wide));
        Assert.Equal(1, DatumMatcher.SelectBranch(schema, new AvroDecimal(1250, 2)));
        Assert.Equal(3, DatumMatcher.SelectBranch(schema, new AvroDecimal(7, 0)));
        Assert.Equal(1, DatumMatcher.SelectBranch(schema, new AvroDecimal(15, 1)));
        Assert.Equal(-1, DatumMatcher.SelectBranch(schema, new AvroDecimal(1, 3)));
    }

    [Fact]
    public void Value_that_does_not_fit_names_the_field_path()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[{"name":"items","type":{"type":"array","items":
              {"type":"record","name":"I","fields":[{"name":"count","type":"int"}]}}}]}
            """);
        var item = new GenericRecord((RecordSchema)((ArraySchema)schema.Fields[0].Schema).Items) { ["count"] = "three" };
        var record = new GenericRecord(schema) { ["items"] = new List<object?> { item } };
        var e = Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(schema).Encode(record));
        Assert.StartsWith("items[0].count: \"three\" (String) is not a valid int", e.Message);
    }

    [Fact]
    public void Arrays_and_maps_in_several_blocks_with_byte_sizes_are_read()
    {
        // Java's block-sized encoding: a negative count, then the block's byte size, then the items.
        var schema = AvroSchema.Parse("{\"type\":\"array\",\"items\":\"int\"}");
        byte[] bytes = [0x03, 0x04, 0x02, 0x04, 0x02, 0x06, 0x00]; // block(-2 items, 2 bytes): 1, 2; block(1 item): 3; end
        Assert.Equal(new List<object?> { 1, 2, 3 }, new GenericDatumReader(schema).Read(bytes));

        var map = AvroSchema.Parse("{\"type\":\"map\",\"values\":\"int\"}");
        byte[] mapBytes = [0x01, 0x06, 0x02, 0x61, 0x0e, 0x00]; // block(-1 item, 3 bytes): "a" -> 7; end
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 7 }, new GenericDatumReader(map).Read(mapBytes));
    }

    [Fact]
    public void Trailing_bytes_after_a_datum_are_rejected()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(AvroSchema.Int).Read([0x02, 0x00]));
        Assert.Contains("1 unexpected bytes", e.Message);
    }

    [Fact]
    public void Array_count_larger_than_the_input_fails_before_allocating()
    {
        var schema = AvroSchema.Parse("{\"type\":\"array\",\"items\":\"long\"}");
        var bytes = EncodeLong(1L << 40);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(schema).Read(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Array_of_nulls_is_capped_because_its_count_cannot_be_checked_against_the_input()
    {
        var schema = AvroSchema.Parse("{\"type\":\"array\",\"items\":\"null\"}");
        var reader = new GenericDatumReader(schema, new AvroReaderOptions { MaxZeroByteItems = 10 });
        Assert.Equal(10, ((List<object?>)reader.Read([.. EncodeLong(10), 0x00])!).Count);
        var e = Assert.Throws<AvroDecodeException>(() => reader.Read([.. EncodeLong(11), 0x00]));
        Assert.Contains("MaxZeroByteItems", e.Message);
    }

    [Fact]
    public void Deeply_nested_input_is_a_decode_error_not_a_stack_overflow()
    {
        var schema = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"N\"]}]}");
        var bytes = Enumerable.Repeat((byte)0x02, 5_000_000).Append((byte)0x00).ToArray();
        Exception? failure = null;
        // A small stack makes the depth guard trip quickly; without it this input would overflow the stack.
        var thread = new Thread(() =>
        {
            try
            {
                Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(schema).Read(bytes));
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    private static byte[] EncodeLong(long value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new AvroBinaryWriter(buffer).WriteLong(value);
        return buffer.WrittenSpan.ToArray();
    }
}
