using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using Xunit;

namespace RecoStreams.Avro.Registry.Kafka.Tests;

public sealed class SchemaRecordJsonPropertyTests
{
    private static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);

    private static readonly Gen<SchemaRegistryRecord> Records = RecordsOf(Text, Gen.Choose(1, int.MaxValue), Gen.Choose(1, int.MaxValue), Text);

    // Few subjects, versions, ids and schemas, so pairs of records often share a scope and the key property bites.
    private static readonly Gen<SchemaRegistryRecord> CollidingRecords =
        RecordsOf(Gen.Elements("a", "b"), Gen.Choose(1, 3), Gen.Choose(1, 2), Gen.Elements("\"int\"", "\"long\""));

    private static Gen<SchemaRegistryRecord> RecordsOf(Gen<string> subjects, Gen<int> versions, Gen<int> ids, Gen<string> schemas) => Gen.OneOf(
        from subject in subjects
        from version in versions
        from id in ids
        from schema in schemas
        from deleted in ArbMap.Default.GeneratorFor<bool>()
        select (SchemaRegistryRecord)new SchemaVersionRecord(subject, version, id, schema, deleted),
        from subject in Gen.OneOf(Gen.Constant<string?>(null), subjects.Select(s => (string?)s))
        from level in Gen.Elements("NONE", "BACKWARD", "FORWARD_TRANSITIVE", "FULL")
        select (SchemaRegistryRecord)new CompatibilityConfigRecord(subject, level));

    [Fact]
    public void Every_record_round_trips_through_the_topic_value_json()
    {
        Prop.ForAll(Records.ToArbitrary(), record =>
            Equals(record, JsonSerializer.Deserialize(JsonSerializer.Serialize(record, SchemaRecordJson.Default.SchemaRegistryRecord),
                SchemaRecordJson.Default.SchemaRegistryRecord)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Keys_are_equal_exactly_when_records_address_the_same_version_with_the_same_id_and_schema_or_the_same_config_scope()
    {
        Prop.ForAll(CollidingRecords.ToArbitrary(), CollidingRecords.ToArbitrary(), (a, b) =>
            (SchemaRecordKey.Of(a) == SchemaRecordKey.Of(b)) == (Scope(a) == Scope(b)))
            .QuickCheckThrowOnFailure();
    }

    // A soft delete (Deleted) addresses the version it deletes: same id and text.
    private static (string Kind, string? Subject, int Version, int Id, string? Schema) Scope(SchemaRegistryRecord record) => record switch
    {
        SchemaVersionRecord s => ("SCHEMA", s.Subject, s.Version, s.Id, s.Schema),
        CompatibilityConfigRecord c => ("CONFIG", c.Subject, 0, 0, null),
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };
}
