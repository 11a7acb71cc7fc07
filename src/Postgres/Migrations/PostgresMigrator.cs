using Npgsql;

namespace RecoStreams.Postgres.Migrations;

/// <summary>
/// Brings a database to the latest mirror schema at start-up. All pending versions are applied in one
/// transaction holding a transaction-scoped advisory lock, so instances starting together serialize:
/// the first applies, the others wait and then find nothing to do. A failure rolls back every step.
/// </summary>
public sealed class PostgresMigrator
{
    // Arbitrary but fixed: every instance of the app must use the same key to exclude each other.
    private const long AdvisoryLockKey = 0x5265636F4D6967; // "RecoMig"

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _migrations;

    public PostgresMigrator(NpgsqlDataSource dataSource)
        : this(dataSource, MirrorSchema.Migrations)
    {
    }

    public PostgresMigrator(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(migrations);
        if (migrations.Select(m => m.Version).Distinct().Count() != migrations.Count)
        {
            throw new ArgumentException("migration versions must be unique", nameof(migrations));
        }

        _dataSource = dataSource;
        _migrations = [.. migrations.OrderBy(m => m.Version)];
    }

    /// <summary>Applies every pending migration.</summary>
    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies pending migrations up to and including <paramref name="targetVersion"/>.</summary>
    public async Task<MigrationResult> MigrateAsync(int targetVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                description text NOT NULL
            )
            """, cancellationToken);

        var applied = await AppliedVersionsAsync(connection, transaction, cancellationToken);
        var startingVersion = applied.Count == 0 ? 0 : applied.Max();
        var appliedNow = new List<int>();
        foreach (var migration in _migrations.Where(m => m.Version <= targetVersion && !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, description) VALUES (@version, @description)",
                connection,
                transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("description", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken);
            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return new MigrationResult(startingVersion, appliedNow);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
