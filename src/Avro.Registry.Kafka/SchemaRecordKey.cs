using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RecoStreams.Avro.Registry.Embedded;

namespace RecoStreams.Avro.Registry.Kafka;

/// <summary>
/// The compaction key of a registry record, shaped like Confluent's (<c>{"keytype":"SCHEMA","subject":..,"version":..}</c>)
/// plus the record's id and a hash of its schema text: one key per registered version and one per compatibility
/// setting, so compaction keeps the latest record of each, which is all a replay needs (a soft delete, which copies
/// its version's id and text, replaces the registration). A record that lost a race for its version or id
/// (see RegistryState) has a key of its own, so compaction never keeps it in place of the record it lost to.
/// </summary>
internal static class SchemaRecordKey
{
    public static string Of(SchemaRegistryRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (record)
            {
                case SchemaVersionRecord schema:
                    json.WriteString("keytype", "SCHEMA");
                    json.WriteString("subject", schema.Subject);
                    json.WriteNumber("version", schema.Version);
                    json.WriteNumber("id", schema.Id);
                    json.WriteString("schema", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema.Schema)), 0, 8));
                    json.WriteNumber("magic", 1);
                    break;
                case CompatibilityConfigRecord config:
                    json.WriteString("keytype", "CONFIG");
                    json.WriteString("subject", config.Subject);
                    json.WriteNumber("magic", 0);
                    break;
                default:
                    throw new ArgumentException($"unknown schema registry record {record.GetType().Name}", nameof(record));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
