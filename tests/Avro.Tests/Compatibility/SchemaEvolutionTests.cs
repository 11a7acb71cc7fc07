using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Compatibility;

/// <summary>
/// For each kind of schema change: encode with v1 and decode with v2 (and the reverse) for real,
/// then check that the compatibility checker's verdict under every level agrees with what happened.
/// </summary>
public sealed class SchemaEvolutionTests
{
    private const string Kind = """{"type":"enum","name":"Kind","symbols":["VIEW","LIKE"]}""";
    private const string KindPlus = """{"type":"enum","name":"Kind","symbols":["VIEW","LIKE","PURCHASE"]}""";
    private const string KindDefault = """{"type":"enum","name":"Kind","symbols":["UNKNOWN","VIEW","LIKE"],"default":"UNKNOWN"}""";
    private const string KindDefaultPlus = """{"type":"enum","name":"Kind","symbols":["UNKNOWN","VIEW","LIKE","PURCHASE"],"default":"UNKNOWN"}""";

    private static string Event(string fields) => $$"""{"type":"record","name":"EngagementEvent","namespace":"reco","fields":[{{fields}}]}""";

    private static readonly Dictionary<string, (string V1, string V2, Dictionary<string, object?> V1Value, Dictionary<string, object?> V2Value)> Changes = new()
    {
        ["field added with default"] = (
            Event("""{"name":"user","type":"string"}"""),
            Event("""{"name":"user","type":"string"},{"name":"watch_seconds","type":"int","default":0}"""),
            new() { ["user"] = "u1" }, new() { ["user"] = "u1", ["watch_seconds"] = 30 }),
        ["field removed"] = (
            Event("""{"name":"user","type":"string"},{"name":"watch_seconds","type":"int"}"""),
            Event("""{"name":"user","type":"string"}"""),
            new() { ["user"] = "u1", ["watch_seconds"] = 30 }, new() { ["user"] = "u1" }),
        ["field renamed with alias"] = (
            Event("""{"name":"user","type":"string"},{"name":"secs","type":"int"}"""),
            Event("""{"name":"user","type":"string"},{"name":"watch_seconds","type":"int","aliases":["secs"]}"""),
            new() { ["user"] = "u1", ["secs"] = 30 }, new() { ["user"] = "u1", ["watch_seconds"] = 30 }),
        ["enum symbol added without default"] = (
            Event($$"""{"name":"kind","type":{{Kind}}}"""),
            Event($$"""{"name":"kind","type":{{KindPlus}}}"""),
            new() { ["kind"] = "LIKE" }, new() { ["kind"] = "PURCHASE" }),
        ["enum symbol added with default"] = (
            Event($$"""{"name":"kind","type":{{KindDefault}}}"""),
            Event($$"""{"name":"kind","type":{{KindDefaultPlus}}}"""),
            new() { ["kind"] = "LIKE" }, new() { ["kind"] = "PURCHASE" }),
        ["int widened to long"] = (
            Event("""{"name":"watch_seconds","type":"int"}"""),
            Event("""{"name":"watch_seconds","type":"long"}"""),
            new() { ["watch_seconds"] = 30 }, new() { ["watch_seconds"] = 5_000_000_000L }),
    };

    // Columns: NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE (v2 checked against [v1]).
    public static TheoryData<string, bool, bool> Cases => new()
    {
        // change, v2 reads v1 data (backward), v1 reads v2 data (forward)
        { "field added with default", true, true },
        { "field removed", true, false },
        { "field renamed with alias", true, false },
        { "enum symbol added without default", true, false },
        { "enum symbol added with default", true, true },
        { "int widened to long", true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checker_verdict_under_every_level_matches_real_reads(string change, bool backward, bool forward)
    {
        var (v1Json, v2Json, v1Value, v2Value) = Changes[change];
        var v1 = (RecordSchema)AvroSchema.Parse(v1Json);
        var v2 = (RecordSchema)AvroSchema.Parse(v2Json);

        Assert.Equal(backward, CanRead(writer: v1, reader: v2, v1Value));
        Assert.Equal(forward, CanRead(writer: v2, reader: v1, v2Value));

        var expected = new Dictionary<CompatibilityLevel, bool>
        {
            [CompatibilityLevel.None] = true,
            [CompatibilityLevel.Backward] = backward,
            [CompatibilityLevel.BackwardTransitive] = backward,
            [CompatibilityLevel.Forward] = forward,
            [CompatibilityLevel.ForwardTransitive] = forward,
            [CompatibilityLevel.Full] = backward && forward,
            [CompatibilityLevel.FullTransitive] = backward && forward,
        };
        foreach (var (level, compatible) in expected)
        {
            var result = CompatibilityChecker.Check(v2, [v1], level);
            Assert.True(compatible == result.IsCompatible, $"{change} under {level}: expected {(compatible ? "compatible" : "incompatible")}, got {result}");
        }
    }

    [Fact]
    public void Transitive_levels_also_check_older_versions()
    {
        var v1 = AvroSchema.Parse(Event("""{"name":"user","type":"string"}"""));
        var v2 = AvroSchema.Parse(Event("""{"name":"user","type":"string"},{"name":"watch_seconds","type":"int","default":0}"""));
        var v3 = AvroSchema.Parse(Event("""{"name":"user","type":"string"},{"name":"watch_seconds","type":"int"}"""));

        Assert.True(CompatibilityChecker.Check(v3, [v1, v2], CompatibilityLevel.Backward).IsCompatible);
        var transitive = CompatibilityChecker.Check(v3, [v1, v2], CompatibilityLevel.BackwardTransitive);
        var breaking = Assert.Single(transitive.Incompatibilities);
        Assert.Equal("READER_FIELD_MISSING_DEFAULT at /fields/1 (watch_seconds)", breaking.ToString());
        Assert.Equal("new schema reading data of version 1 of 2", breaking.Context);
    }

    [Fact]
    public void Each_breaking_change_is_reported_with_its_kind_and_path()
    {
        var writer = AvroSchema.Parse(Event($$$"""
            {"name":"a","type":"string"},{"name":"b","type":{{{KindPlus}}}},{"name":"c","type":{"type":"fixed","name":"F","size":4}},
            {"name":"d","type":["null","string","int"]},{"name":"e","type":{"type":"record","name":"Old","fields":[]}},{"name":"f","type":"double"}
            """));
        var reader = AvroSchema.Parse(Event($$$"""
            {"name":"a","type":"string"},{"name":"b","type":{{{Kind}}}},{"name":"c","type":{"type":"fixed","name":"F","size":8}},
            {"name":"d","type":["null","string"]},{"name":"e","type":{"type":"record","name":"New","fields":[]}},{"name":"f","type":"int"},
            {"name":"watch_seconds","type":"int"}
            """));
        var result = SchemaCompatibility.Check(reader, writer);
        Assert.Equal(
        [
            "MISSING_ENUM_SYMBOLS at /fields/1/type/symbols (PURCHASE)",
            "FIXED_SIZE_MISMATCH at /fields/2/type/size (expected 4, found 8)",
            "MISSING_UNION_BRANCH at /fields/3/type (reader union lacks writer type int)",
            "NAME_MISMATCH at /fields/4/type/name (expected reco.Old, found reco.New)",
            "TYPE_MISMATCH at /fields/5/type (reader type int cannot read writer type double)",
            "READER_FIELD_MISSING_DEFAULT at /fields/6 (watch_seconds)",
        ], result.Incompatibilities.Select(x => x.ToString()));
    }

    [Fact]
    public void Recursive_schemas_are_checked_without_looping()
    {
        const string json = """{"type":"record","name":"Node","fields":[{"name":"children","type":{"type":"array","items":"Node"}}]}""";
        Assert.True(SchemaCompatibility.Check(AvroSchema.Parse(json), AvroSchema.Parse(json)).IsCompatible);
    }

    private static bool CanRead(RecordSchema writer, RecordSchema reader, Dictionary<string, object?> fields)
    {
        var record = new GenericRecord(writer);
        foreach (var (name, value) in fields)
        {
            record[name] = writer.GetField(name)!.Schema is EnumSchema e ? new GenericEnum(e, (string)value!) : value;
        }

        var bytes = new GenericDatumWriter(writer).Encode(record);
        try
        {
            var read = (GenericRecord)new ResolvingDatumReader(writer, reader).Read(bytes)!;
            return read.Schema == reader;
        }
        catch (Exception e) when (e is AvroSchemaException or AvroDecodeException)
        {
            return false;
        }
    }
}
