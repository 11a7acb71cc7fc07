using Npgsql;

namespace RecoStreams.Postgres.Tests.Harness;

internal static class TestDatabases
{
    /// <summary>(Re)creates database <paramref name="name"/> on the server and returns a data source for it.</summary>
    public static async Task<NpgsqlDataSource> CreateAsync(string serverConnectionString, string name)
    {
        await DropAsync(serverConnectionString, name);
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE {name}");
        var target = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        return NpgsqlDataSource.Create(target.ConnectionString);
    }

    public static Task DropAsync(string serverConnectionString, string name) =>
        ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    // Names come from the harness, never from input, so interpolating them into DDL is safe.
    private static async Task ExecuteAsync(string serverConnectionString, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
