using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Resolution;

public sealed class ResolvingDatumReaderTests
{
    private static object? Resolve(string writerJson, string readerJson, object? value) =>
        Resolve(AvroSchema.Parse(writerJson), AvroSchema.Parse(readerJson), value);

    private static object? Resolve(AvroSchema writer, AvroSchema reader, object? value) =>
        new ResolvingDatumReader(writer, reader).Read(new GenericDatumWriter(writer).Encode(value));

    [Theory]
    [InlineData("int", "long", 7, 7L)]
    [InlineData("int", "float", 7, 7f)]
    [InlineData("int", "double", -7, -7d)]
    [InlineData("long", "float", 1L << 40, (float)(1L << 40))]
    [InlineData("long", "double", -3L, -3d)]
    [InlineData("float", "double", 1.5f, 1.5d)]
    public void Numeric_promotions_preserve_the_value(string writer, string reader, object value, object expected) =>
        Assert.Equal(expected, Resolve($"\"{writer}\"", $"\"{reader}\"", value));

    [Fact]
    public void String_and_bytes_resolve_to_each_other()
    {
        Assert.Equal("hé"u8.ToArray(), Resolve("\"string\"", "\"bytes\"", "hé"));
        Assert.Equal("hé", Resolve("\"bytes\"", "\"string\"", "hé"u8.ToArray()));
    }

    [Fact]
    public void Writer_only_fields_are_skipped_and_reader_only_fields_get_their_defaults()
    {
        var writer = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[{"name":"gone","type":{"type":"array","items":{"type":"map","values":"string"}}},
              {"name":"kept","type":"int"},{"name":"alsoGone","type":["null",{"type":"record","name":"X","fields":[{"name":"s","type":"string"}]}]}]}
            """);
        var reader = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[{"name":"kept","type":"long"},
              {"name":"added","type":{"type":"array","items":"int"},"default":[1,2]},
              {"name":"tags","type":{"type":"map","values":"int"},"default":{"a":1}}]}
            """);
        var value = new GenericRecord(writer)
        {
            ["gone"] = new List<object?> { new Dictionary<string, object?> { ["k"] = "v" } },
            ["kept"] = 42,
            ["alsoGone"] = new GenericRecord((RecordSchema)((UnionSchema)writer.Fields[2].Schema).Branches[1]) { ["s"] = "x" },
        };
        var first = (GenericRecord)Resolve(writer, reader, value)!;
        Assert.Equal(42L, first["kept"]);
        Assert.Equal(new List<object?> { 1, 2 }, first["added"]);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1 }, first["tags"]);

        // Defaults are copied per record: mutating one decoded record must not leak into the next.
        ((List<object?>)first["added"]!).Add(3);
        var second = (GenericRecord)Resolve(writer, reader, value)!;
        Assert.Equal(new List<object?> { 1, 2 }, second["added"]);
    }

    [Fact]
    public void Reader_field_without_default_missing_from_writer_is_a_schema_error()
    {
        var e = Assert.Throws<AvroSchemaException>(() => new ResolvingDatumReader(
            AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}"),
            AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"watch_seconds\",\"type\":\"int\"}]}")));
        Assert.Contains("R.fields[0](watch_seconds): reader field is missing from the writer and has no default", e.Message);
    }

    [Fact]
    public void Unknown_enum_symbol_uses_the_reader_default_or_fails_when_there_is_none()
    {
        const string writer = "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"NEW\"]}";
        var writerSchema = (EnumSchema)AvroSchema.Parse(writer);
        Assert.Equal("UNKNOWN", ((GenericEnum)Resolve(writer, "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"UNKNOWN\",\"A\",\"B\"],\"default\":\"UNKNOWN\"}",
            new GenericEnum(writerSchema, "NEW"))!).Symbol);
        Assert.Equal("B", ((GenericEnum)Resolve(writer, "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"B\",\"A\"]}", new GenericEnum(writerSchema, "B"))!).Symbol);
        var e = Assert.Throws<AvroDecodeException>(() => Resolve(writer, "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", new GenericEnum(writerSchema, "NEW")));
        Assert.Contains("'NEW'", e.Message);
    }

    [Fact]
    public void Non_union_writer_resolves_to_the_first_matching_reader_branch()
    {
        Assert.Equal(5L, Resolve("\"int\"", "[\"null\",\"string\",\"long\",\"double\"]", 5));
        Assert.Throws<AvroSchemaException>(() => new ResolvingDatumReader(AvroSchema.Int, AvroSchema.Parse("[\"null\",\"string\"]")));
    }

    [Fact]
    public void Union_writer_resolves_each_branch_and_fails_only_when_an_unmatched_branch_occurs()
    {
        const string writer = "[\"null\",\"int\",\"boolean\"]";
        Assert.Equal(3L, Resolve(writer, "[\"null\",\"long\"]", 3));
        Assert.Null(Resolve(writer, "[\"null\",\"long\"]", null));
        var e = Assert.Throws<AvroDecodeException>(() => Resolve(writer, "[\"null\",\"long\"]", true));
        Assert.Contains("boolean", e.Message);
        Assert.Equal(9L, Resolve("[\"int\",\"long\"]", "\"long\"", 9));
    }

    [Fact]
    public void Records_match_by_unqualified_name_or_reader_alias_and_fields_by_alias()
    {
        var writer = (RecordSchema)AvroSchema.Parse("{\"type\":\"record\",\"name\":\"old.Event\",\"fields\":[{\"name\":\"secs\",\"type\":\"int\"}]}");
        var value = new GenericRecord(writer) { ["secs"] = 12 };

        var sameShortName = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"new.Event\",\"fields\":[{\"name\":\"secs\",\"type\":\"int\"}]}");
        Assert.Equal(12, ((GenericRecord)Resolve(writer, sameShortName, value)!)["secs"]);

        var renamed = AvroSchema.Parse("""
            {"type":"record","name":"Engagement","aliases":["old.Event"],"fields":[{"name":"watch_seconds","type":"long","aliases":["secs"]}]}
            """);
        Assert.Equal(12L, ((GenericRecord)Resolve(writer, renamed, value)!)["watch_seconds"]);

        var unrelated = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}");
        Assert.Throws<AvroSchemaException>(() => new ResolvingDatumReader(writer, unrelated));
    }

    [Fact]
    public void Fixed_sizes_must_match()
    {
        Assert.Throws<AvroSchemaException>(() => new ResolvingDatumReader(
            AvroSchema.Parse("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}"), AvroSchema.Parse("{\"type\":\"fixed\",\"name\":\"F\",\"size\":8}")));
    }

    [Fact]
    public void Decimals_with_different_scales_do_not_resolve_because_values_would_shift()
    {
        var writer = AvroSchema.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}");
        var reader = AvroSchema.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":3}");
        Assert.Throws<AvroSchemaException>(() => new ResolvingDatumReader(writer, reader));
        Assert.Equal(IncompatibilityKind.TypeMismatch, Assert.Single(SchemaCompatibility.Check(reader, writer).Incompatibilities).Kind);

        // Plain bytes read as a decimal take the reader's scale: that is what the reader declares.
        Assert.Equal(new AvroDecimal(1234, 3), Resolve(AvroSchema.Bytes, reader, new byte[] { 0x04, 0xD2 }));
    }

    [Fact]
    public void Reader_logical_type_applies_to_the_promoted_value()
    {
        var value = Resolve("\"int\"", "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", 1000);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), value);
    }

    [Fact]
    public void Recursive_schemas_resolve()
    {
        const string json = "{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"},{\"name\":\"next\",\"type\":[\"null\",\"L\"]}]}";
        var writer = (RecordSchema)AvroSchema.Parse(json);
        var reader = (RecordSchema)AvroSchema.Parse(json.Replace("\"int\"", "\"long\""));
        var value = new GenericRecord(writer) { ["v"] = 1, ["next"] = new GenericRecord(writer) { ["v"] = 2 } };
        var result = (GenericRecord)Resolve(writer, reader, value)!;
        Assert.Equal(2L, ((GenericRecord)result["next"]!)["v"]);
    }
}
