using Npgsql;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>Records erasures by hashed user id; a later erase of the same user moves the watermark forward, never back.</summary>
public sealed class PostgresErasureWatermarkSink : ITableUpsert<ErasureWatermarkRow>
{
    private const string Sql = """
        INSERT INTO erasure_watermarks AS w (user_id_hash, erased_at)
        SELECT t.user_id_hash, t.erased_at FROM unnest(@user_id_hash, @erased_at) AS t (user_id_hash, erased_at)
        ON CONFLICT (user_id_hash) DO UPDATE SET erased_at = EXCLUDED.erased_at
        WHERE EXCLUDED.erased_at > w.erased_at
        """;

    public async Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<ErasureWatermarkRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var newest = NewestPerKey.Reduce(rows, r => r.UserIdHash, r => PostgresTimestamp.ToStored(r.ErasedAt));
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("user_id_hash", newest.Select(r => r.UserIdHash)));
        command.Parameters.Add(UnnestParameters.TimestampTz("erased_at", newest.Select(r => r.ErasedAt)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
