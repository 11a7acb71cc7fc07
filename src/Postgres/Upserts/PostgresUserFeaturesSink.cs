using System.Text.Json;
using Npgsql;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>Upserts user affinity profiles; a newer updated_at replaces the row.</summary>
public sealed class PostgresUserFeaturesSink : ITableUpsert<UserFeaturesRow>
{
    private const string Sql = """
        INSERT INTO user_features AS f (user_id, genre_scores, creator_scores, last_engagement_at, updated_at)
        SELECT t.user_id, t.genre_scores::jsonb, t.creator_scores::jsonb, t.last_engagement_at, t.updated_at
        FROM unnest(@user_id, @genre_scores, @creator_scores, @last_engagement_at, @updated_at)
             AS t (user_id, genre_scores, creator_scores, last_engagement_at, updated_at)
        ON CONFLICT (user_id) DO UPDATE SET
            genre_scores = EXCLUDED.genre_scores,
            creator_scores = EXCLUDED.creator_scores,
            last_engagement_at = EXCLUDED.last_engagement_at,
            updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.updated_at > f.updated_at
        """;

    public async Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<UserFeaturesRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var newest = NewestPerKey.Reduce(rows, r => r.UserId, r => PostgresTimestamp.ToStored(r.UpdatedAt));
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("user_id", newest.Select(r => r.UserId)));
        command.Parameters.Add(UnnestParameters.Json("genre_scores", newest.Select(r => Scores(r.GenreScores))));
        command.Parameters.Add(UnnestParameters.Json("creator_scores", newest.Select(r => Scores(r.CreatorScores))));
        command.Parameters.Add(UnnestParameters.NullableTimestampTz("last_engagement_at", newest.Select(r => r.LastEngagementAt)));
        command.Parameters.Add(UnnestParameters.TimestampTz("updated_at", newest.Select(r => r.UpdatedAt)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Scores(IReadOnlyDictionary<string, double> scores) =>
        JsonSerializer.Serialize(scores, MirrorJsonContext.Default.IReadOnlyDictionaryStringDouble);
}
