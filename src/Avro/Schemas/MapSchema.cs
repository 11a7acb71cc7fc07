using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A map schema; keys are always strings.</summary>
public sealed class MapSchema(AvroSchema values, IReadOnlyDictionary<string, JsonElement>? properties = null)
    : AvroSchema(AvroType.Map, null, properties)
{
    /// <summary>The schema of every value.</summary>
    public AvroSchema Values { get; } = values;
}
