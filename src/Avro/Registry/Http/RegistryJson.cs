using System.Text.Json.Serialization;

namespace RecoStreams.Avro.Registry.Http;

// Bodies of Confluent's Schema Registry REST API, shared by the HTTP client and the embedded
// registry's request dispatcher so both sides agree on every property name.

/// <summary>Body of register, lookup and compatibility requests.</summary>
internal sealed record SchemaRequest(
    [property: JsonPropertyName("schema")] string? Schema,
    [property: JsonPropertyName("schemaType")] string? SchemaType = null);

/// <summary>Response of register: the global id.</summary>
internal sealed record SchemaIdResponse([property: JsonPropertyName("id")] int Id);

/// <summary>Response of GET /schemas/ids/{id}.</summary>
internal sealed record SchemaStringResponse([property: JsonPropertyName("schema")] string Schema);

/// <summary>Response of GET /subjects/{s}/versions/{v} and of lookup.</summary>
internal sealed record SubjectVersionResponse(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("schema")] string Schema);

/// <summary>Response of POST /compatibility/...; messages are present with ?verbose=true.</summary>
internal sealed record CompatibilityResponse(
    [property: JsonPropertyName("is_compatible")] bool IsCompatible,
    [property: JsonPropertyName("messages")] IReadOnlyList<string>? Messages = null);

/// <summary>Response of GET /config and GET /config/{s}.</summary>
internal sealed record ConfigGetResponse([property: JsonPropertyName("compatibilityLevel")] string CompatibilityLevel);

/// <summary>Body and response of PUT /config and PUT /config/{s}.</summary>
internal sealed record ConfigUpdate([property: JsonPropertyName("compatibility")] string? Compatibility);

/// <summary>Error body of every failed request.</summary>
internal sealed record ErrorResponse(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>Source-generated serializers: no reflection at run time, trimming-safe.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SchemaRequest))]
[JsonSerializable(typeof(SchemaIdResponse))]
[JsonSerializable(typeof(SchemaStringResponse))]
[JsonSerializable(typeof(SubjectVersionResponse))]
[JsonSerializable(typeof(CompatibilityResponse))]
[JsonSerializable(typeof(ConfigGetResponse))]
[JsonSerializable(typeof(ConfigUpdate))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(int))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary>Content type of Confluent's REST API.</summary>
internal static class RegistryMediaTypes
{
    public const string V1Json = "application/vnd.schemaregistry.v1+json";
}
