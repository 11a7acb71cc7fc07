namespace RecoStreams.Avro.Contracts;

/// <summary>The schema of <see cref="RecommendationFeedback"/>, as in schemas/avro/RecommendationFeedback.avsc.</summary>
/// <remarks>A test fails when this copy and the .avsc file differ, so the file stays the source of truth.</remarks>
public static class RecommendationFeedbackSchema
{
    /// <summary>The schema JSON.</summary>
    public const string Json = """
        {
          "type": "record",
          "name": "RecommendationFeedback",
          "namespace": "io.recostreams.events",
          "doc": "What a user did with a served recommendation list. Keyed by user_id on recommendation-feedback.",
          "fields": [
            {
              "name": "feedback_id",
              "type": { "type": "string", "logicalType": "uuid" },
              "doc": "Producer-assigned unique id (UUID) for de-duplication."
            },
            {
              "name": "user_id",
              "type": "string",
              "doc": "User who was served the list; also the record key."
            },
            {
              "name": "item_id",
              "type": "string",
              "doc": "Recommended item the feedback is about."
            },
            {
              "name": "kind",
              "type": {
                "type": "enum",
                "name": "FeedbackKind",
                "doc": "Kind of feedback. Readers that do not know a newer symbol read UNKNOWN.",
                "symbols": ["IMPRESSION", "CLICK", "CONVERSION", "DISMISS", "UNKNOWN"],
                "default": "UNKNOWN"
              },
              "doc": "What happened to the recommended item."
            },
            {
              "name": "recommendation_generated_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "generated_at of the RecommendationUpdated list that was served; identifies the list."
            },
            {
              "name": "position",
              "type": "int",
              "doc": "1-based position at which the item was shown."
            },
            {
              "name": "occurred_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "When the feedback happened on the client (UTC, epoch milliseconds)."
            }
          ]
        }
        """;
}
