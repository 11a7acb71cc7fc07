using Npgsql;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.Migrations;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrates_an_empty_database_to_the_latest_version()
    {
        await using var db = await postgres.CreateDatabaseAsync();

        var result = await new PostgresMigrator(db).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, result.StartingVersion);
        Assert.Equal(MirrorSchema.Migrations.Select(m => m.Version), result.Applied);
        Assert.Equal(MirrorSchema.LatestVersion, result.CurrentVersion);
        Assert.Equal(
            ["engagement_events", "erasure_watermarks", "item_popularity", "recommendations", "schema_migrations", "user_features"],
            await Sql.ListAsync<string>(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
        Assert.Equal(
            MirrorSchema.Migrations.Select(m => m.Description),
            await Sql.ListAsync<string>(db, "SELECT description FROM schema_migrations ORDER BY version"));
        Assert.Equal(
            ["item_popularity_trending_idx"],
            await Sql.ListAsync<string>(db, "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trending%'"));
    }

    [Fact]
    public async Task Running_migrations_twice_is_a_no_op()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var migrator = new PostgresMigrator(db);
        await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var appliedAt = await Sql.ListAsync<DateTime>(db, "SELECT applied_at FROM schema_migrations ORDER BY version");

        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(second.Applied);
        Assert.Equal(MirrorSchema.LatestVersion, second.StartingVersion);
        Assert.Equal(appliedAt, await Sql.ListAsync<DateTime>(db, "SELECT applied_at FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Upgrading_a_v1_database_to_v2_keeps_its_rows()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var migrator = new PostgresMigrator(db);
        var v1 = await migrator.MigrateAsync(targetVersion: 1, TestContext.Current.CancellationToken);
        Assert.Equal([1], v1.Applied);
        await Sql.ExecuteAsync(db, """
            INSERT INTO recommendations (user_id, items, generated_at, algorithm, strategy)
            VALUES ('u1', '[{"id":"i1","score":0.5,"source":"cf","rank":1,"explanation":"because"}]',
                    '2026-01-01T00:00:00Z', 'hybrid', 'active');
            INSERT INTO item_popularity (item_id, "window", score, window_start, window_end, updated_at)
            VALUES ('i1', '1h', 3.5, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T00:30:00Z');
            """);

        var v2 = await migrator.MigrateAsync(targetVersion: 2, TestContext.Current.CancellationToken);

        Assert.Equal(1, v2.StartingVersion);
        Assert.Equal([2], v2.Applied);
        Assert.Equal(["u1:hybrid:1"], await Sql.ListAsync<string>(db, "SELECT user_id || ':' || algorithm || ':' || version FROM recommendations"));
        Assert.Equal([3.5], await Sql.ListAsync<double>(db, "SELECT score FROM item_popularity"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_version_exactly_once()
    {
        await using var db = await postgres.CreateDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => new PostgresMigrator(db).MigrateAsync(TestContext.Current.CancellationToken))));

        Assert.Equal(
            MirrorSchema.Migrations.Select(m => m.Version),
            results.SelectMany(r => r.Applied).Order());
        Assert.Equal(
            MirrorSchema.Migrations.Select(m => m.Version),
            await Sql.ListAsync<int>(db, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_every_step_of_the_run()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        Migration[] broken = [MirrorSchema.Migrations[0], new(2, "broken", "ALTER TABLE no_such_table ADD COLUMN x int")];

        await Assert.ThrowsAsync<PostgresException>(() =>
            new PostgresMigrator(db, broken).MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Empty(await Sql.ListAsync<string>(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
    }
}
