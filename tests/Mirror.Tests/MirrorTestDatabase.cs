using Npgsql;
using Xunit;

namespace RecoStreams.Mirror.Tests;

/// <summary>
/// A fresh database for one mirror test on the Postgres server RECOSTREAMS_TEST_POSTGRES names (scripts/test.sh
/// starts a throwaway one); the test is skipped with the reason when it is not set. Dropped on dispose.
/// </summary>
internal sealed class MirrorTestDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private MirrorTestDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <param name="prefix">The database is named <c>{prefix}_{process id}</c>.</param>
    public static async Task<MirrorTestDatabase> CreateAsync(string prefix, CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable("RECOSTREAMS_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("RECOSTREAMS_TEST_POSTGRES is not set: run through scripts/test.sh, which starts a throwaway Postgres.");
        }

        var name = $"{prefix}_{Environment.ProcessId}";
        await using (var server = NpgsqlDataSource.Create(admin))
        {
            await server.CreateCommand($"DROP DATABASE IF EXISTS {name}").ExecuteNonQueryAsync(cancellationToken);
            await server.CreateCommand($"CREATE DATABASE {name}").ExecuteNonQueryAsync(cancellationToken);
        }

        return new MirrorTestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(_admin);
        await server.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)").ExecuteNonQueryAsync(CancellationToken.None);
    }
}
