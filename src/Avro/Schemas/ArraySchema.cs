using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>An array schema.</summary>
public sealed class ArraySchema(AvroSchema items, IReadOnlyDictionary<string, JsonElement>? properties = null)
    : AvroSchema(AvroType.Array, null, properties)
{
    /// <summary>The schema of every item.</summary>
    public AvroSchema Items { get; } = items;
}
