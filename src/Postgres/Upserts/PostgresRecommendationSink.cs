using System.Text.Json;
using Npgsql;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// Upserts recommendation lists; a newer generated_at replaces the row and bumps its version.
/// updated_at records when the mirror last changed the row (transaction time), not when it was generated.
/// </summary>
public sealed class PostgresRecommendationSink : ITableUpsert<RecommendationRow>
{
    private const string Sql = """
        INSERT INTO recommendations AS r (user_id, items, generated_at, algorithm, strategy, updated_at)
        SELECT t.user_id, t.items::jsonb, t.generated_at, t.algorithm, t.strategy, now()
        FROM unnest(@user_id, @items, @generated_at, @algorithm, @strategy)
             AS t (user_id, items, generated_at, algorithm, strategy)
        ON CONFLICT (user_id) DO UPDATE SET
            items = EXCLUDED.items,
            generated_at = EXCLUDED.generated_at,
            algorithm = EXCLUDED.algorithm,
            strategy = EXCLUDED.strategy,
            updated_at = EXCLUDED.updated_at,
            version = r.version + 1
        WHERE EXCLUDED.generated_at > r.generated_at
        """;

    public async Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<RecommendationRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var newest = NewestPerKey.Reduce(rows, r => r.UserId, r => PostgresTimestamp.ToStored(r.GeneratedAt));
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("user_id", newest.Select(r => r.UserId)));
        command.Parameters.Add(UnnestParameters.Json(
            "items",
            newest.Select(r => JsonSerializer.Serialize(r.Items, MirrorJsonContext.Default.IReadOnlyListRecommendedItem))));
        command.Parameters.Add(UnnestParameters.TimestampTz("generated_at", newest.Select(r => r.GeneratedAt)));
        command.Parameters.Add(UnnestParameters.Text("algorithm", newest.Select(r => r.Algorithm)));
        command.Parameters.Add(UnnestParameters.Text("strategy", newest.Select(r => r.Strategy)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
