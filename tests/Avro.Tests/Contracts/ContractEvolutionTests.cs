using System.Text.Json.Nodes;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Contracts;

/// <summary>Typed decoding of data written with older and newer versions of a contract's schema.</summary>
public sealed class ContractEvolutionTests
{
    private static readonly AvroContractDecoder<EngagementEvent> Decoder = new(EngagementEventContract.Instance);

    /// <summary>The EngagementEvent schema with some fields removed (as an older producer had it) or edited.</summary>
    internal static AvroSchema EditedEngagementSchema(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(ContractSchemaFiles.Read("EngagementEvent"))!.AsObject();
        edit(json);
        return AvroSchema.Parse(json.ToJsonString());
    }

    internal static void RemoveField(JsonObject record, string name)
    {
        var fields = record["fields"]!.AsArray();
        fields.Remove(fields.Single(f => (string?)f!["name"] == name));
    }

    private static GenericRecord Record(AvroSchema schema, params (string Field, object? Value)[] values)
    {
        var record = new GenericRecord((RecordSchema)schema);
        foreach (var field in record.Schema.Fields)
        {
            record[field.Position] = field.Schema switch
            {
                MapSchema => new Dictionary<string, object?>(),
                _ => null,
            };
        }

        foreach (var (field, value) in values)
        {
            record[field] = value;
        }

        return record;
    }

    [Fact]
    public void Data_from_an_older_writer_without_optional_fields_reads_with_their_defaults()
    {
        var older = EditedEngagementSchema(json =>
        {
            RemoveField(json, "item_duration_seconds");
            RemoveField(json, "context");
            RemoveField(json, "source");
        });
        var eventType = (EnumSchema)((RecordSchema)older).GetField("event_type")!.Schema;
        var bytes = new GenericDatumWriter(older).Encode(Record(older,
            ("event_id", Guid.Parse("0b7f4c1e-7a55-4d8e-a7a1-5f6e2b3c4d5e")), ("user_id", "u-7"), ("item_id", "i-3"),
            ("event_type", new GenericEnum(eventType, "WATCH")), ("occurred_at", DateTimeOffset.FromUnixTimeMilliseconds(1_000)),
            ("watch_seconds", 42.0)));

        Assert.False(Decoder.IsFastPath(older));
        var decoded = Decoder.Decode(bytes, older);

        Assert.Equal("u-7", decoded.UserId);
        Assert.Equal(EventType.Watch, decoded.EventType);
        Assert.Equal(42.0, decoded.WatchSeconds);
        Assert.Null(decoded.ItemDurationSeconds);
        Assert.Null(decoded.Source);
        Assert.Empty(decoded.Context);
    }

    [Fact]
    public void Data_from_a_newer_writer_with_an_extra_field_and_enum_symbol_reads_with_unknown()
    {
        var newer = EditedEngagementSchema(json =>
        {
            var fields = json["fields"]!.AsArray();
            fields.Insert(3, JsonNode.Parse("""{"name":"app_version","type":"string","default":"","doc":"new"}"""));
            var eventType = fields.Single(f => (string?)f!["name"] == "event_type")!["type"]!.AsObject();
            eventType["symbols"]!.AsArray().Insert(8, "SHARE");
        });
        var newerEnum = (EnumSchema)((RecordSchema)newer).GetField("event_type")!.Schema;
        var bytes = new GenericDatumWriter(newer).Encode(Record(newer,
            ("event_id", Guid.NewGuid()), ("user_id", "u-1"), ("item_id", "i-1"), ("app_version", "9.1"),
            ("event_type", new GenericEnum(newerEnum, "SHARE")), ("occurred_at", DateTimeOffset.UnixEpoch), ("source", "web")));

        var decoded = Decoder.Decode(bytes, newer);

        Assert.Equal(EventType.Unknown, decoded.EventType);
        Assert.Equal("i-1", decoded.ItemId);
        Assert.Equal("web", decoded.Source);
    }

    [Fact]
    public void Writer_schema_differing_only_in_docs_takes_the_fast_path()
    {
        var redocumented = EditedEngagementSchema(json => json["doc"] = "reworded");

        Assert.True(Decoder.IsFastPath(redocumented));
        Assert.True(Decoder.IsFastPath(EngagementEventContract.Instance.Schema));
    }

    [Fact]
    public void Writer_missing_a_required_field_is_rejected_as_unresolvable()
    {
        var broken = EditedEngagementSchema(json => RemoveField(json, "user_id"));

        Assert.Throws<AvroSchemaException>(() => Decoder.Decode([0], broken));
    }
}
