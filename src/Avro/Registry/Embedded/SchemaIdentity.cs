using System.Text.Json.Nodes;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>
/// When two schema texts count as the same registered schema. Parsing Canonical Form alone is too
/// coarse: it drops field defaults and aliases, which change how readers resolve data, so a schema
/// that only adds a default must become a new version. Only docs and formatting are ignored.
/// </summary>
internal static class SchemaIdentity
{
    public static string KeyOf(AvroSchema schema)
    {
        var json = JsonNode.Parse(schema.ToString())!;
        RemoveDocs(json);
        return json.ToJsonString();
    }

    private static void RemoveDocs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                // "doc" is a reserved attribute name, never a custom property, so this only drops documentation.
                obj.Remove("doc");
                foreach (var (_, child) in obj)
                {
                    RemoveDocs(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RemoveDocs(child);
                }

                break;
        }
    }
}
