using Npgsql;
using Xunit;

namespace RecoStreams.Postgres.Tests.Harness;

/// <summary>
/// The server the tests talk to: the one named by RECOSTREAMS_TEST_POSTGRES (CI starts it with
/// scripts/postgres/start.sh), otherwise a throwaway server this fixture starts and removes. When neither
/// is possible, tests call <see cref="CreateDatabaseAsync"/> and are skipped with the reason.
/// Every test gets its own fresh database so tests never see each other's rows.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "RECOSTREAMS_TEST_POSTGRES";

    private ThrowawayPostgresServer? _ownedServer;
    private string? _adminConnectionString;
    private string? _skipReason;
    private readonly List<string> _databases = [];
    private int _databaseCounter;

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            return;
        }

        _skipReason = ThrowawayPostgresServer.UnavailableReason();
        if (_skipReason is not null)
        {
            _skipReason = $"{EnvironmentVariable} is not set and {_skipReason}";
            return;
        }

        _ownedServer = await ThrowawayPostgresServer.StartNewAsync(CancellationToken.None);
        _adminConnectionString = _ownedServer.AdminConnectionString;
    }

    /// <summary>Creates an empty database for one test and returns a data source for it.</summary>
    public async Task<NpgsqlDataSource> CreateDatabaseAsync()
    {
        if (_adminConnectionString is null)
        {
            Assert.Skip(_skipReason ?? "no PostgreSQL server available");
        }

        var name = $"recostreams_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        lock (_databases)
        {
            _databases.Add(name);
        }

        return await TestDatabases.CreateAsync(_adminConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        // An external server outlives the run, so drop what the run created; an owned one is deleted whole.
        if (_ownedServer is null && _adminConnectionString is not null)
        {
            foreach (var name in _databases)
            {
                await TestDatabases.DropAsync(_adminConnectionString, name);
            }
        }

        if (_ownedServer is not null)
        {
            await _ownedServer.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
