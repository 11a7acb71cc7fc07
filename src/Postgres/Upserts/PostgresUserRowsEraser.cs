using Npgsql;

namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// Deletes erased users' rows (their list, their features and their engagement events) inside the batch's
/// transaction, before the batch's upserts: a row for the user that came after the tombstone is newer and stays.
/// </summary>
public sealed class PostgresUserRowsEraser
{
    private const string Sql = """
        WITH erased AS (SELECT unnest(@user_id) AS user_id),
             lists AS (DELETE FROM recommendations r USING erased e WHERE r.user_id = e.user_id RETURNING 1),
             features AS (DELETE FROM user_features f USING erased e WHERE f.user_id = e.user_id RETURNING 1),
             events AS (DELETE FROM engagement_events v USING erased e WHERE v.user_id = e.user_id RETURNING 1)
        SELECT (SELECT count(*) FROM lists) + (SELECT count(*) FROM features) + (SELECT count(*) FROM events)
        """;

    /// <summary>Returns the number of rows deleted.</summary>
    public async Task<int> EraseAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("user_id", userIds.Distinct(StringComparer.Ordinal)));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
