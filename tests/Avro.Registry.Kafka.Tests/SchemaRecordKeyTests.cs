using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using Xunit;

namespace RecoStreams.Avro.Registry.Kafka.Tests;

public sealed class SchemaRecordKeyTests
{
    [Fact]
    public void A_soft_delete_shares_the_key_of_the_version_it_deletes_so_compaction_keeps_only_the_delete()
    {
        var registered = new SchemaVersionRecord("s-value", 3, 7, "\"string\"");

        Assert.Equal(SchemaRecordKey.Of(registered), SchemaRecordKey.Of(registered with { Deleted = true }));
        Assert.Equal("""{"keytype":"SCHEMA","subject":"s-value","version":3,"id":7,"schema":"e9e5c1c9e4f62773","magic":1}""", SchemaRecordKey.Of(registered));
    }

    [Fact]
    public void Versions_subjects_ids_schemas_and_config_scopes_get_distinct_keys()
    {
        string[] keys =
        [
            SchemaRecordKey.Of(new SchemaVersionRecord("a", 1, 1, "\"int\"")),
            SchemaRecordKey.Of(new SchemaVersionRecord("a", 2, 1, "\"int\"")),
            SchemaRecordKey.Of(new SchemaVersionRecord("b", 1, 1, "\"int\"")),
            // What lost a race for its version or id: never the key of the record it lost to.
            SchemaRecordKey.Of(new SchemaVersionRecord("a", 1, 2, "\"int\"")),
            SchemaRecordKey.Of(new SchemaVersionRecord("a", 1, 1, "\"long\"")),
            SchemaRecordKey.Of(new CompatibilityConfigRecord(null, "FULL")),
            SchemaRecordKey.Of(new CompatibilityConfigRecord("a", "FULL")),
        ];

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(SchemaRecordKey.Of(new CompatibilityConfigRecord("a", "NONE")), keys[^1]);
    }
}
