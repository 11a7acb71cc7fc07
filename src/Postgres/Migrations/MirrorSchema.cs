namespace RecoStreams.Postgres.Migrations;

/// <summary>The versions of the mirror schema, oldest first.</summary>
public static class MirrorSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "recommendations, user_features and item_popularity tables", V1),
        new(2, "recommendations.version counter and trending index on item_popularity", V2),
        new(3, "engagement_events (training history) and erasure_watermarks", V3),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    // items: JSON array of {id, score, source, rank, explanation}, served as-is by readers.
    private const string V1 = """
        CREATE TABLE recommendations (
            user_id      text PRIMARY KEY,
            items        jsonb NOT NULL,
            generated_at timestamptz NOT NULL,
            algorithm    text NOT NULL,
            strategy     text NOT NULL,
            updated_at   timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE user_features (
            user_id            text PRIMARY KEY,
            genre_scores       jsonb NOT NULL,
            creator_scores     jsonb NOT NULL,
            last_engagement_at timestamptz,
            updated_at         timestamptz NOT NULL
        );

        CREATE TABLE item_popularity (
            item_id      text NOT NULL,
            "window"     text NOT NULL,
            score        double precision NOT NULL,
            window_start timestamptz NOT NULL,
            window_end   timestamptz NOT NULL,
            updated_at   timestamptz NOT NULL,
            PRIMARY KEY (item_id, "window", window_start)
        );
        """;

    // version lets readers (caches, ETags) tell that a user's list changed without comparing items;
    // existing rows start at 1. The index serves "top items of the latest window" trending reads.
    private const string V2 = """
        ALTER TABLE recommendations ADD COLUMN version bigint NOT NULL DEFAULT 1;

        CREATE INDEX item_popularity_trending_idx
            ON item_popularity ("window", window_end DESC, score DESC);
        """;

    // The raw events a training job reads (the topic keeps only days); one row per (user, event id), as the
    // topology deduplicates. erasure_watermarks holds a keyed hash of each erased user's id (never the id) and
    // the erase time: an event of theirs from before it that reaches the mirror late is not written again.
    private const string V3 = """
        CREATE TABLE engagement_events (
            user_id               text NOT NULL,
            event_id              text NOT NULL,
            item_id               text NOT NULL,
            event_type            text NOT NULL,
            occurred_at           timestamptz NOT NULL,
            rating                double precision,
            watch_seconds         double precision,
            item_duration_seconds double precision,
            session_id            text,
            PRIMARY KEY (user_id, event_id)
        );

        CREATE INDEX engagement_events_occurred_at_idx ON engagement_events (occurred_at);

        CREATE TABLE erasure_watermarks (
            user_id_hash text PRIMARY KEY,
            erased_at    timestamptz NOT NULL
        );
        """;
}
