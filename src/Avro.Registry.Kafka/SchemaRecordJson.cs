using System.Text.Json.Serialization;
using RecoStreams.Avro.Registry.Embedded;

namespace RecoStreams.Avro.Registry.Kafka;

/// <summary>Source-generated JSON of registry records, the same shape <see cref="FileSchemaStore"/> writes per line.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(SchemaRegistryRecord))]
internal sealed partial class SchemaRecordJson : JsonSerializerContext;
