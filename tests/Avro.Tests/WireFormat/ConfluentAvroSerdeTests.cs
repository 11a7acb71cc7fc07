using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Contracts;
using RecoStreams.Avro.WireFormat;
using Xunit;

namespace RecoStreams.Avro.Tests.WireFormat;

public sealed class ConfluentAvroSerdeTests
{
    private static readonly EngagementEvent Event = new()
    {
        EventId = Guid.Parse("3d1e2f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5"),
        UserId = "u-42",
        ItemId = "i-7",
        EventType = EventType.Like,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };

    [Fact]
    public async Task Serialized_message_carries_the_registered_id_and_the_contract_body()
    {
        var registry = new RecordingRegistry();
        var serializer = new ConfluentAvroSerializer<EngagementEvent>(EngagementEventContract.Instance, registry);

        var message = await serializer.SerializeAsync(Event, "engagement-events", isKey: false, TestContext.Current.CancellationToken);

        var body = ConfluentWireFormat.ReadHeader(message, out var id);
        Assert.Equal(1, id);
        Assert.Equal(EngagementEventContract.Instance.Encode(Event), body.ToArray());
        Assert.Equal(["register engagement-events-value"], registry.Calls);
    }

    [Fact]
    public async Task Framing_with_a_prepared_schema_id_writes_the_same_message_without_asking_the_registry_again()
    {
        var registry = new RecordingRegistry();
        var serializer = new ConfluentAvroSerializer<EngagementEvent>(EngagementEventContract.Instance, registry);
        var id = await serializer.PrepareAsync("engagement-events", isKey: false, TestContext.Current.CancellationToken);

        var framed = serializer.Serialize(Event, id);

        Assert.Equal(serializer.Serialize(Event, "engagement-events", isKey: false), framed);
        var body = ConfluentWireFormat.ReadHeader(framed, out var framedId);
        Assert.Equal(id, framedId);
        Assert.Equal(EngagementEventContract.Instance.Encode(Event), body.ToArray());
        Assert.Equal(["register engagement-events-value"], registry.Calls);
    }

    [Fact]
    public void The_registry_is_asked_once_per_subject_and_once_per_schema_id()
    {
        var registry = new RecordingRegistry();
        var serializer = new ConfluentAvroSerializer<EngagementEvent>(EngagementEventContract.Instance, registry);
        var deserializer = new ConfluentAvroDeserializer<EngagementEvent>(EngagementEventContract.Instance, registry);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Event.UserId, deserializer.Deserialize(serializer.Serialize(Event, "a", false)).UserId);
        }

        serializer.Serialize(Event, "b", false);

        Assert.Equal(["register a-value", "schema 1", "register b-value"], registry.Calls);
    }

    [Fact]
    public async Task Without_auto_registration_the_schema_is_looked_up_and_a_missing_one_fails()
    {
        var registry = new RecordingRegistry();
        var options = new ConfluentAvroSerializerOptions { AutoRegisterSchemas = false, SubjectNameStrategy = SubjectNameStrategy.RecordName };
        var serializer = new ConfluentAvroSerializer<EngagementEvent>(EngagementEventContract.Instance, registry, options);
        var ct = TestContext.Current.CancellationToken;

        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => serializer.PrepareAsync("t", false, ct));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, missing.ErrorCode);

        var id = registry.Add("io.recostreams.events.EngagementEvent", EngagementEventContract.Instance.Schema.ToString());
        Assert.Equal(id, await serializer.PrepareAsync("t", false, ct));
    }

    [Fact]
    public void A_message_written_with_an_older_schema_resolves_to_the_current_contract()
    {
        var registry = new RecordingRegistry();
        var older = ContractEvolutionTests.EditedEngagementSchema(json => ContractEvolutionTests.RemoveField(json, "source"));
        var id = registry.Add("engagement-events-value", older.ToString());
        var record = (GenericRecord)new GenericDatumReader(EngagementEventContract.Instance.Schema)
            .Read(EngagementEventContract.Instance.Encode(Event with { Source = "dropped" }))!;
        var olderRecord = new GenericRecord((RecordSchema)older);
        foreach (var field in olderRecord.Schema.Fields)
        {
            olderRecord[field.Position] = record[field.Name] is GenericEnum e
                ? new GenericEnum((EnumSchema)field.Schema, e.Symbol)
                : record[field.Name];
        }

        var message = new byte[5].Concat(new GenericDatumWriter(older).Encode(olderRecord)).ToArray();
        ConfluentWireFormat.WriteHeader(message, id);

        var decoded = new ConfluentAvroDeserializer<EngagementEvent>(EngagementEventContract.Instance, registry).Deserialize(message);

        Assert.Equal(Event.EventId, decoded.EventId);
        Assert.Null(decoded.Source);
    }

    [Fact]
    public void An_unknown_schema_id_raises_a_typed_exception_naming_the_id()
    {
        var deserializer = new ConfluentAvroDeserializer<EngagementEvent>(EngagementEventContract.Instance, new RecordingRegistry());

        var error = Assert.Throws<UnknownSchemaIdException>(() => deserializer.Deserialize([0, 0, 0, 0, 99, 1]));

        Assert.Equal(99, error.SchemaId);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_message_raises_wire_format_errors_before_any_registry_call()
    {
        var registry = new RecordingRegistry();
        var deserializer = new ConfluentAvroDeserializer<EngagementEvent>(EngagementEventContract.Instance, registry);

        Assert.Throws<AvroWireFormatException>(() => deserializer.Deserialize([7, 0, 0, 0, 1, 1]));
        Assert.Throws<AvroWireFormatException>(() => deserializer.Deserialize([0, 0]));
        Assert.Empty(registry.Calls);
    }
}
