using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>
/// snake_case bodies (properties and enum values) for the query endpoints, set here rather than globally
/// so other endpoints of the host keep their own conventions.
/// </summary>
public static class QueryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
