using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Schemas;

public sealed class SchemaParserTests
{
    [Fact]
    public void Unknown_field_type_is_reported_with_the_path_of_the_field()
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse("""
            {"type":"record","name":"EngagementEvent","fields":[
              {"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"int"},
              {"name":"d","type":"strin"}]}
            """));
        Assert.Equal("EngagementEvent.fields[3].type: unknown type 'strin'", e.Message);
    }

    [Fact]
    public void Nested_types_inherit_the_enclosing_namespace_unless_they_name_their_own()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"x","type":{"type":"fixed","name":"Inherits","size":2}},
              {"name":"y","type":{"type":"enum","name":"Own","namespace":"c","symbols":["S"]}},
              {"name":"z","type":{"type":"record","name":"d.e.Dotted","fields":[{"name":"i","type":"Inner2"}]}},
              {"name":"w","type":{"type":"record","name":"Null","namespace":"","fields":[]}}]}
            """.Replace("\"Inner2\"", "\"a.b.Inherits\""));
        Assert.Equal("a.b.Outer", schema.Name.FullName);
        Assert.Equal("a.b.Inherits", ((NamedSchema)schema.Fields[0].Schema).Name.FullName);
        Assert.Equal("c.Own", ((NamedSchema)schema.Fields[1].Schema).Name.FullName);
        Assert.Equal("d.e.Dotted", ((NamedSchema)schema.Fields[2].Schema).Name.FullName);
        Assert.Equal("Null", ((NamedSchema)schema.Fields[3].Schema).Name.FullName);
    }

    [Fact]
    public void Undotted_references_resolve_in_the_enclosing_namespace()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","namespace":"n","fields":[
              {"name":"k","type":{"type":"enum","name":"K","symbols":["A"]}},
              {"name":"k2","type":"K"},{"name":"k3","type":"n.K"}]}
            """);
        Assert.Same(schema.Fields[0].Schema, schema.Fields[1].Schema);
        Assert.Same(schema.Fields[0].Schema, schema.Fields[2].Schema);
    }

    [Fact]
    public void Recursive_records_refer_to_themselves()
    {
        var schema = (RecordSchema)AvroSchema.Parse(File.ReadAllText(InteropData.PathOf("schemas/interop.avsc")));
        var node = (RecordSchema)schema.GetField("recordField")!.Schema;
        var children = (ArraySchema)node.GetField("children")!.Schema;
        Assert.Same(node, children.Items);
    }

    [Theory]
    [InlineData("[\"int\",[\"string\"]]", "unions may not immediately contain other unions")]
    [InlineData("[\"int\",\"string\",\"int\"]", "duplicate type 'int' in union")]
    [InlineData("[{\"type\":\"array\",\"items\":\"int\"},{\"type\":\"array\",\"items\":\"long\"}]", "duplicate type 'array' in union")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "F.size: must be a non-negative int")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "duplicate enum symbol 'A'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "'B' is not one of the symbols")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"1A\"]}", "invalid name '1A'")]
    [InlineData("{\"type\":\"record\",\"name\":\"int\",\"fields\":[]}", "primitive type name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}", "duplicate field name 'a'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"order\":\"up\"}]}", "R.fields[0].order: invalid order 'up'")]
    [InlineData("[{\"type\":\"fixed\",\"name\":\"F\",\"size\":1},{\"type\":\"fixed\",\"name\":\"F\",\"size\":1}]", "already defined")]
    [InlineData("{\"type\":\"array\"}", "missing 'items'")]
    [InlineData("{\"type\":\"whatever\"}", "unknown type 'whatever'")]
    [InlineData("{\"type\":", "not valid JSON")]
    public void Invalid_schemas_are_rejected_with_a_clear_message(string json, string expected)
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("\"int\"", "1")]
    [InlineData("\"long\"", "-9007199254740993")]
    [InlineData("\"double\"", "\"NaN\"")]
    [InlineData("\"bytes\"", "\"\\u00ff\\u0000\"")]
    [InlineData("[\"null\",\"int\"]", "null")]
    [InlineData("[\"int\",\"null\"]", "5")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[1,2]")]
    [InlineData("{\"type\":\"map\",\"values\":\"string\"}", "{\"a\":\"b\"}")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"ab\"")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "\"A\"")]
    [InlineData("{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\",\"default\":3},{\"name\":\"y\",\"type\":\"string\"}]}", "{\"y\":\"s\"}")]
    public void Defaults_that_fit_their_type_are_accepted(string type, string defaultJson) =>
        AvroSchema.Parse($"{{\"type\":\"record\",\"name\":\"R\",\"fields\":[{{\"name\":\"f\",\"type\":{type},\"default\":{defaultJson}}}]}}");

    [Theory]
    [InlineData("\"int\"", "1.5")]
    [InlineData("\"int\"", "2147483648")]
    [InlineData("\"string\"", "1")]
    [InlineData("\"boolean\"", "\"true\"")]
    [InlineData("\"bytes\"", "\"\\u0100\"")]
    [InlineData("[\"null\",\"int\"]", "5")]
    [InlineData("[\"int\",\"null\"]", "null")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"abc\"")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "\"B\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[\"x\"]")]
    [InlineData("{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"y\",\"type\":\"string\"}]}", "{}")]
    public void Defaults_that_do_not_fit_their_type_are_rejected_with_the_field_path(string type, string defaultJson)
    {
        var e = Assert.Throws<AvroSchemaException>(() =>
            AvroSchema.Parse($"{{\"type\":\"record\",\"name\":\"R\",\"fields\":[{{\"name\":\"f\",\"type\":{type},\"default\":{defaultJson}}}]}}"));
        Assert.StartsWith("R.fields[0].default: invalid default for field 'f'", e.Message);
    }

    [Theory]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", true)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4}", true)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":0}", false)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,\"scale\":3}", false)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,\"scale\":-1}", false)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":2,\"logicalType\":\"decimal\",\"precision\":4}", true)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":2,\"logicalType\":\"decimal\",\"precision\":5}", false)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"decimal\",\"precision\":4}", false)]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", true)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"uuid\"}", false)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", true)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"date\"}", false)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"time-millis\"}", true)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"time-micros\"}", true)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"time-micros\"}", false)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", true)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", true)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}", true)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}", true)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}", true)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":11,\"logicalType\":\"duration\"}", false)]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"no-such-type\"}", false)]
    public void Invalid_logical_types_fall_back_to_the_underlying_type(string json, bool valid)
    {
        var schema = AvroSchema.Parse(json);
        Assert.Equal(valid, schema.LogicalType is not null);
        if (!valid)
        {
            // The annotation is kept as a plain property so the schema still round-trips.
            Assert.True(schema.Properties.ContainsKey("logicalType"));
        }
    }

    [Fact]
    public void Decimal_fixed_precision_bound_follows_the_spec_formula()
    {
        Assert.Equal(2, LogicalTypeRules.MaxPrecisionForFixed(1));
        Assert.Equal(4, LogicalTypeRules.MaxPrecisionForFixed(2));
        Assert.Equal(18, LogicalTypeRules.MaxPrecisionForFixed(8));
        Assert.Equal(38, LogicalTypeRules.MaxPrecisionForFixed(16));
    }

    [Fact]
    public void Full_json_round_trips_docs_aliases_defaults_order_and_custom_properties()
    {
        const string json = """
            {"type":"record","name":"R","namespace":"n","doc":"a record","aliases":["o.Old"],"x-owner":"team",
             "fields":[{"name":"f","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2},"doc":"money","default":"\u0000","order":"descending","aliases":["g"],"x-pii":true},
                       {"name":"inner","type":{"type":"record","name":"I","namespace":"","fields":[]}},
                       {"name":"again","type":"I"},
                       {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"B"}}]}
            """;
        var schema = AvroSchema.Parse(json);
        var reparsed = (RecordSchema)AvroSchema.Parse(schema.ToString());
        Assert.Equal(schema.ToString(), reparsed.ToString());
        Assert.Equal(schema.ToCanonicalForm(), reparsed.ToCanonicalForm());
        Assert.Equal("o.Old", reparsed.Aliases[0].FullName);
        Assert.Equal(FieldOrder.Descending, reparsed.Fields[0].Order);
        Assert.Equal("g", reparsed.Fields[0].Aliases[0]);
        Assert.True(reparsed.Fields[0].Properties["x-pii"].GetBoolean());
        Assert.Equal("team", reparsed.Properties["x-owner"].GetString());
        Assert.Equal("I", ((NamedSchema)reparsed.Fields[1].Schema).Name.FullName);
        Assert.Equal("B", ((EnumSchema)reparsed.Fields[3].Schema).Default);
        Assert.IsType<DecimalLogicalType>(reparsed.Fields[0].Schema.LogicalType);
    }

    [Fact]
    public void Every_upstream_avsc_schema_parses()
    {
        foreach (var file in Directory.GetFiles(InteropData.PathOf("schemas"), "*.avsc"))
        {
            var schema = AvroSchema.Parse(File.ReadAllText(file));
            Assert.Equal(schema.ToCanonicalForm(), AvroSchema.Parse(schema.ToString()).ToCanonicalForm());
        }
    }

    [Fact]
    public void Later_schemas_can_refer_to_types_defined_by_earlier_ones()
    {
        var names = new SchemaNames();
        AvroSchema.Parse("{\"type\":\"fixed\",\"name\":\"Id\",\"namespace\":\"x\",\"size\":16}", names);
        var record = (RecordSchema)AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"fields\":[{\"name\":\"id\",\"type\":\"Id\"}]}", names);
        Assert.Equal(16, ((FixedSchema)record.Fields[0].Schema).Size);
    }

    [Fact]
    public void A_schema_that_fails_to_parse_adds_no_names_to_the_shared_table()
    {
        var names = new SchemaNames();
        Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}},{\"name\":\"x\",\"type\":\"nope\"}]}", names));
        Assert.Empty(names.All);
        AvroSchema.Parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"B\"]}", names);
        Assert.Equal("E", Assert.Single(names.All).Name.FullName);
        Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse("{\"type\":\"fixed\",\"name\":\"E\",\"size\":1}", names));
    }
}
