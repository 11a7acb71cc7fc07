namespace RecoStreams.Avro.Contracts;

/// <summary>The schema of <see cref="EngagementEvent"/>, as in schemas/avro/EngagementEvent.avsc.</summary>
/// <remarks>A test fails when this copy and the .avsc file differ, so the file stays the source of truth.</remarks>
public static class EngagementEventSchema
{
    /// <summary>The schema JSON.</summary>
    public const string Json = """
        {
          "type": "record",
          "name": "EngagementEvent",
          "namespace": "io.recostreams.events",
          "doc": "One user interaction with one catalog item. Keyed by user_id on the engagement-events topic.",
          "fields": [
            {
              "name": "event_id",
              "type": { "type": "string", "logicalType": "uuid" },
              "doc": "Producer-assigned unique id (UUID); the pipeline drops duplicates by it."
            },
            {
              "name": "user_id",
              "type": "string",
              "doc": "Opaque id of the user who interacted; also the record key."
            },
            {
              "name": "item_id",
              "type": "string",
              "doc": "Id of the catalog item interacted with (joins catalog-items on item_id)."
            },
            {
              "name": "event_type",
              "type": {
                "type": "enum",
                "name": "EventType",
                "doc": "Kind of interaction. Readers that do not know a newer symbol read UNKNOWN.",
                "symbols": ["VIEW", "LIKE", "DISLIKE", "RATING", "WATCH", "ADD_TO_CART", "PURCHASE", "CLICK", "UNKNOWN"],
                "default": "UNKNOWN"
              },
              "doc": "What the user did."
            },
            {
              "name": "occurred_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "When the interaction happened on the client (UTC, epoch milliseconds); the event time."
            },
            {
              "name": "rating",
              "type": ["null", "double"],
              "default": null,
              "doc": "Explicit rating from 0.5 to 5.0 in half steps; set only when event_type is RATING."
            },
            {
              "name": "watch_seconds",
              "type": ["null", "double"],
              "default": null,
              "doc": "Seconds watched or read; set for WATCH events."
            },
            {
              "name": "item_duration_seconds",
              "type": ["null", "double"],
              "default": null,
              "doc": "Full length of the item in seconds as the client saw it, so watch completion can be computed without the catalog."
            },
            {
              "name": "session_id",
              "type": ["null", "string"],
              "default": null,
              "doc": "Client session the interaction belongs to, when known."
            },
            {
              "name": "context",
              "type": { "type": "map", "values": "string" },
              "default": {},
              "doc": "Free-form client context (device, locale, page, experiment arm); never required by the pipeline."
            },
            {
              "name": "source",
              "type": ["null", "string"],
              "default": null,
              "doc": "Producing system or surface (for example web, ios, import), for lineage and debugging."
            }
          ]
        }
        """;
}
