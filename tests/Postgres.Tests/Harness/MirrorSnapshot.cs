using System.Globalization;
using System.Text.Json;
using Npgsql;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Rows;
using RecoStreams.Postgres.Upserts;

namespace RecoStreams.Postgres.Tests.Harness;

/// <summary>
/// The mirrored tables as sorted canonical lines, comparable with the "newest per key" model of a set of
/// batches. recommendations.updated_at (write time) is left out because it differs between runs by design.
/// </summary>
internal sealed record MirrorSnapshot(
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<string> UserFeatures,
    IReadOnlyList<string> ItemPopularity)
{
    public static async Task<MirrorSnapshot> ReadAsync(NpgsqlDataSource db)
    {
        var recommendations = await ReadLinesAsync(db, "SELECT user_id, items::text, generated_at, algorithm, strategy FROM recommendations", r =>
            Recommendation(r.GetString(0), ParseItems(r.GetString(1)), r.GetFieldValue<DateTime>(2), r.GetString(3), r.GetString(4)));
        var features = await ReadLinesAsync(db, "SELECT user_id, genre_scores::text, creator_scores::text, last_engagement_at, updated_at FROM user_features", r =>
            Features(r.GetString(0), ParseScores(r.GetString(1)), ParseScores(r.GetString(2)), r.IsDBNull(3) ? null : r.GetFieldValue<DateTime>(3), r.GetFieldValue<DateTime>(4)));
        var popularity = await ReadLinesAsync(db, "SELECT item_id, \"window\", score, window_start, window_end, updated_at FROM item_popularity", r =>
            Popularity(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetFieldValue<DateTime>(3), r.GetFieldValue<DateTime>(4), r.GetFieldValue<DateTime>(5)));
        return new MirrorSnapshot(recommendations, features, popularity);
    }

    /// <summary>What the tables must hold after all <paramref name="batches"/>, in any order: the newest row per key.</summary>
    public static MirrorSnapshot NewestPerKey(IEnumerable<SinkBatch> batches)
    {
        var all = batches.ToList();
        var recommendations = all.SelectMany(b => b.Recommendations)
            .GroupBy(r => r.UserId)
            .Select(g => g.MaxBy(r => PostgresTimestamp.ToStored(r.GeneratedAt))!)
            .Select(r => Recommendation(r.UserId, r.Items, PostgresTimestamp.ToStored(r.GeneratedAt), r.Algorithm, r.Strategy));
        var features = all.SelectMany(b => b.UserFeatures)
            .GroupBy(r => r.UserId)
            .Select(g => g.MaxBy(r => PostgresTimestamp.ToStored(r.UpdatedAt))!)
            .Select(r => Features(r.UserId, r.GenreScores, r.CreatorScores, PostgresTimestamp.ToStored(r.LastEngagementAt), PostgresTimestamp.ToStored(r.UpdatedAt)));
        var popularity = all.SelectMany(b => b.ItemPopularity)
            .GroupBy(r => (r.ItemId, r.Window, PostgresTimestamp.ToStored(r.WindowStart)))
            .Select(g => g.MaxBy(r => PostgresTimestamp.ToStored(r.UpdatedAt))!)
            .Select(r => Popularity(r.ItemId, r.Window, r.Score, PostgresTimestamp.ToStored(r.WindowStart), PostgresTimestamp.ToStored(r.WindowEnd), PostgresTimestamp.ToStored(r.UpdatedAt)));
        return new MirrorSnapshot(Sorted(recommendations), Sorted(features), Sorted(popularity));
    }

    public bool SameAs(MirrorSnapshot other) =>
        Recommendations.SequenceEqual(other.Recommendations)
        && UserFeatures.SequenceEqual(other.UserFeatures)
        && ItemPopularity.SequenceEqual(other.ItemPopularity);

    public override string ToString() =>
        string.Join('\n', Recommendations.Concat(UserFeatures).Concat(ItemPopularity));

    private static string Recommendation(string user, IReadOnlyList<RecommendedItem> items, DateTime generatedAt, string algorithm, string strategy) =>
        $"rec {user} {JsonSerializer.Serialize(items, MirrorJsonContext.Default.IReadOnlyListRecommendedItem)} {Instant(generatedAt)} {algorithm} {strategy}";

    private static string Features(string user, IReadOnlyDictionary<string, double> genres, IReadOnlyDictionary<string, double> creators, DateTime? lastEngagement, DateTime updatedAt) =>
        $"feat {user} {Scores(genres)} {Scores(creators)} {(lastEngagement is { } l ? Instant(l) : "null")} {Instant(updatedAt)}";

    private static string Popularity(string item, string window, double score, DateTime start, DateTime end, DateTime updatedAt) =>
        $"pop {item} {window} {score.ToString("R", CultureInfo.InvariantCulture)} {Instant(start)} {Instant(end)} {Instant(updatedAt)}";

    private static string Scores(IReadOnlyDictionary<string, double> scores) =>
        string.Join(',', scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.ToString("R", CultureInfo.InvariantCulture)}"));

    private static string Instant(DateTime value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static IReadOnlyList<RecommendedItem> ParseItems(string json) =>
        JsonSerializer.Deserialize(json, MirrorJsonContext.Default.IReadOnlyListRecommendedItem)!;

    private static IReadOnlyDictionary<string, double> ParseScores(string json) =>
        JsonSerializer.Deserialize(json, MirrorJsonContext.Default.IReadOnlyDictionaryStringDouble)!;

    private static List<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static async Task<List<string>> ReadLinesAsync(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, string> line)
    {
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(line(reader));
        }

        return Sorted(lines);
    }
}
