namespace RecoStreams.Avro.Contracts;

/// <summary>The schema of <see cref="CatalogItem"/>, as in schemas/avro/CatalogItem.avsc.</summary>
/// <remarks>A test fails when this copy and the .avsc file differ, so the file stays the source of truth.</remarks>
public static class CatalogItemSchema
{
    /// <summary>The schema JSON.</summary>
    public const string Json = """
        {
          "type": "record",
          "name": "CatalogItem",
          "namespace": "io.recostreams.events",
          "doc": "Current description of one recommendable item. Keyed by item_id on the compacted catalog-items topic; a null value (tombstone) removes the item.",
          "fields": [
            {
              "name": "item_id",
              "type": "string",
              "doc": "Stable id of the item; also the record key."
            },
            {
              "name": "title",
              "type": "string",
              "doc": "Human-readable title, used in explanations."
            },
            {
              "name": "genres",
              "type": { "type": "array", "items": "string" },
              "default": [],
              "doc": "Genres of the item; drive genre affinity and the per-genre trending index."
            },
            {
              "name": "creators",
              "type": { "type": "array", "items": "string" },
              "default": [],
              "doc": "Authors, directors or other creators; drive creator affinity and the per-creator cap."
            },
            {
              "name": "language",
              "type": ["null", "string"],
              "default": null,
              "doc": "Primary language as a BCP 47 tag (for example en, pt-BR), when known."
            },
            {
              "name": "tags",
              "type": { "type": "array", "items": "string" },
              "default": [],
              "doc": "Editorial or user-generated tags."
            },
            {
              "name": "duration_seconds",
              "type": ["null", "double"],
              "default": null,
              "doc": "Length of the item in seconds, when it has one (video, audio)."
            },
            {
              "name": "available",
              "type": "boolean",
              "default": true,
              "doc": "False while the item exists but must not be recommended (licensing, out of stock)."
            },
            {
              "name": "published_at",
              "type": ["null", { "type": "long", "logicalType": "timestamp-millis" }],
              "default": null,
              "doc": "When the item was first published (UTC, epoch milliseconds), when known."
            },
            {
              "name": "updated_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "When this description last changed (UTC, epoch milliseconds); later wins."
            },
            {
              "name": "attributes",
              "type": { "type": "map", "values": "string" },
              "default": {},
              "doc": "Further source attributes (year, rating, price) the pipeline carries but does not interpret."
            }
          ]
        }
        """;
}
