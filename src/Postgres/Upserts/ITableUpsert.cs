using Npgsql;

namespace RecoStreams.Postgres.Upserts;

/// <summary>Writes one table's rows of a batch with a single idempotent statement.</summary>
public interface ITableUpsert<in TRow>
{
    /// <summary>
    /// Upserts <paramref name="rows"/> inside the caller's transaction; newer versions replace older ones,
    /// older or equal versions change nothing. Returns the number of rows inserted or updated.
    /// </summary>
    Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<TRow> rows,
        CancellationToken cancellationToken);
}
