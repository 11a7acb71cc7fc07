using System.Text.Json;
using RecoStreams.Avro.Registry.Embedded;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>
/// The compaction key of a registry record, shaped like Confluent's (<c>{"keytype":"SCHEMA","subject":..,"version":..}</c>):
/// one key per subject version and one per compatibility setting, so compaction keeps exactly the
/// latest record of each, which is all a replay needs (a soft delete replaces its registration).
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

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
