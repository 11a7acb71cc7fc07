namespace RecoStreams.Avro.Contracts;

/// <summary>The schema of <see cref="RecommendationUpdated"/>, as in schemas/avro/RecommendationUpdated.avsc.</summary>
/// <remarks>A test fails when this copy and the .avsc file differ, so the file stays the source of truth.</remarks>
public static class RecommendationUpdatedSchema
{
    /// <summary>The schema JSON.</summary>
    public const string Json = """
        {
          "type": "record",
          "name": "RecommendationUpdated",
          "namespace": "io.recostreams.events",
          "doc": "A user's new top-N list. Keyed by user_id on recommendation-updated; emitted only when the list changed.",
          "fields": [
            {
              "name": "user_id",
              "type": "string",
              "doc": "User the list is for; also the record key."
            },
            {
              "name": "generated_at",
              "type": { "type": "long", "logicalType": "timestamp-millis" },
              "doc": "When the list was computed (UTC, epoch milliseconds)."
            },
            {
              "name": "algorithm",
              "type": "string",
              "default": "unknown",
              "doc": "Name and version of the ranking algorithm, for example hybrid-v1."
            },
            {
              "name": "strategy",
              "type": {
                "type": "enum",
                "name": "RecommendationStrategy",
                "doc": "Strategy chosen for the user's class. Readers that do not know a newer symbol read UNKNOWN.",
                "symbols": ["COLD_START", "CONTENT", "HYBRID", "CF_DIVERSE", "TRENDING", "UNKNOWN"],
                "default": "UNKNOWN"
              },
              "default": "UNKNOWN",
              "doc": "Which strategy produced the list."
            },
            {
              "name": "items",
              "type": {
                "type": "array",
                "items": {
                  "type": "record",
                  "name": "RecommendedItem",
                  "doc": "One recommended item with its rank, score and why it was chosen.",
                  "fields": [
                    {
                      "name": "item_id",
                      "type": "string",
                      "doc": "Recommended catalog item."
                    },
                    {
                      "name": "rank",
                      "type": "int",
                      "doc": "1-based position in the list."
                    },
                    {
                      "name": "score",
                      "type": "double",
                      "doc": "Final score after re-ranking; comparable only within one list."
                    },
                    {
                      "name": "source",
                      "type": {
                        "type": "enum",
                        "name": "CandidateSource",
                        "doc": "Candidate generator that proposed the item. Readers that do not know a newer symbol read UNKNOWN.",
                        "symbols": ["CF", "CONTENT", "POPULAR", "TRENDING", "UNKNOWN"],
                        "default": "UNKNOWN"
                      },
                      "default": "UNKNOWN",
                      "doc": "Where the candidate came from."
                    },
                    {
                      "name": "explanation",
                      "type": "string",
                      "default": "",
                      "doc": "Short human-readable reason, for example: because you watched X."
                    }
                  ]
                }
              },
              "default": [],
              "doc": "The list, best first."
            },
            {
              "name": "previous_item_ids",
              "type": { "type": "array", "items": "string" },
              "default": [],
              "doc": "Item ids of the list this one replaces, best first; empty for a user's first list."
            },
            {
              "name": "trigger",
              "type": "string",
              "default": "punctuation",
              "doc": "What caused the recomputation: punctuation, refresh or backfill."
            },
            {
              "name": "version",
              "type": "long",
              "default": 0,
              "doc": "Monotonic per user; consumers ignore an update whose version is not above the last one they applied."
            }
          ]
        }
        """;
}
