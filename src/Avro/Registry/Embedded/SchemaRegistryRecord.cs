using System.Text.Json.Serialization;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>
/// One entry of the registry's append-only log (the role of Kafka's <c>_schemas</c> topic).
/// Replaying every record in order rebuilds the registry exactly.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SchemaVersionRecord), "SCHEMA")]
[JsonDerivedType(typeof(CompatibilityConfigRecord), "CONFIG")]
public abstract record SchemaRegistryRecord;

/// <summary>A version of a subject was registered, or (with <paramref name="Deleted"/>) soft-deleted.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Version">1-based version within the subject.</param>
/// <param name="Id">Global schema id; identical schemas (up to docs and formatting) share one id across subjects.</param>
/// <param name="Schema">Schema text as first registered under this id.</param>
/// <param name="Deleted">True when this record soft-deletes the version.</param>
public sealed record SchemaVersionRecord(string Subject, int Version, int Id, string Schema, bool Deleted = false) : SchemaRegistryRecord;

/// <summary>The compatibility level of a subject, or the global one when <paramref name="Subject"/> is null, was set.</summary>
/// <param name="Subject">The subject, or null for the global level.</param>
/// <param name="Compatibility">The level's registry name, e.g. BACKWARD_TRANSITIVE.</param>
public sealed record CompatibilityConfigRecord(string? Subject, string Compatibility) : SchemaRegistryRecord;

/// <summary>Source-generated JSON for the log records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(SchemaRegistryRecord))]
internal sealed partial class SchemaRecordJsonContext : JsonSerializerContext;
