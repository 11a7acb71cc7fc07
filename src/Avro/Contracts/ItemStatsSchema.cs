namespace RecoStreams.Avro.Contracts;

/// <summary>The schema of <see cref="ItemStats"/>, as in schemas/avro/ItemStats.avsc.</summary>
/// <remarks>A test fails when this copy and the .avsc file differ, so the file stays the source of truth.</remarks>
public static class ItemStatsSchema
{
    /// <summary>The schema JSON.</summary>
    public const string Json = """
        {
          "type": "record",
          "name": "ItemStats",
          "namespace": "io.recostreams.events",
          "doc": "Aggregated signals for one item. Keyed by item_id on the compacted item-stats topic and read as a global table.",
          "fields": [
            {
              "name": "item_id",
              "type": "string",
              "doc": "Item the statistics describe; also the record key."
            },
            {
              "name": "updated_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "When these statistics were published (UTC, epoch milliseconds)."
            },
            {
              "name": "popularity",
              "type": {
                "type": "array",
                "items": {
                  "type": "record",
                  "name": "WindowScore",
                  "doc": "Weighted popularity of the item in one time window.",
                  "fields": [
                    {
                      "name": "window",
                      "type": "string",
                      "doc": "Window size label, for example 1h or 24h."
                    },
                    {
                      "name": "window_start",
                      "type": { "type": "long", "logicalType": "timestamp-millis" },
                      "doc": "Inclusive start of the window (UTC, epoch milliseconds)."
                    },
                    {
                      "name": "window_end",
                      "type": { "type": "long", "logicalType": "timestamp-millis" },
                      "doc": "Exclusive end of the window (UTC, epoch milliseconds)."
                    },
                    {
                      "name": "score",
                      "type": "double",
                      "doc": "Sum of event-type weights in the window."
                    },
                    {
                      "name": "event_count",
                      "type": "long",
                      "default": 0,
                      "doc": "Number of events counted in the window."
                    }
                  ]
                }
              },
              "default": [],
              "doc": "Popularity per window size, latest window of each."
            },
            {
              "name": "neighbours",
              "type": {
                "type": "array",
                "items": {
                  "type": "record",
                  "name": "Neighbour",
                  "doc": "An item often engaged with by the same users.",
                  "fields": [
                    {
                      "name": "item_id",
                      "type": "string",
                      "doc": "The neighbouring item."
                    },
                    {
                      "name": "similarity",
                      "type": "double",
                      "doc": "Normalised co-visitation similarity in [0, 1]."
                    },
                    {
                      "name": "co_count",
                      "type": "double",
                      "default": 0.0,
                      "doc": "Decayed count of users who engaged with both items."
                    }
                  ]
                }
              },
              "default": [],
              "doc": "Top-K neighbours by similarity, most similar first."
            },
            {
              "name": "genres",
              "type": { "type": "array", "items": "string" },
              "default": [],
              "doc": "Genres of the item, copied from the catalog so trending per genre needs no join."
            }
          ]
        }
        """;
}
