using Npgsql;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.Upserts;

[Collection(PostgresCollection.Name)]
public sealed class UpsertTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_every_column_of_every_table()
    {
        await using var db = await MigratedDatabaseAsync();
        var batch = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 4)],
            UserFeatures = [TestRows.Features("u1", 4), TestRows.Features("u2", 3)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 4), TestRows.Popularity("i1", "1h", 1, 4), TestRows.Popularity("i1", "24h", 0, 4)],
        };

        var written = await new PostgresBatchWriter(db).WriteAsync(batch, Ct);

        Assert.Equal(6, written);
        Assert.Equal(MirrorSnapshot.NewestPerKey([batch]).ToString(), (await MirrorSnapshot.ReadAsync(db)).ToString());
    }

    [Fact]
    public async Task Stores_items_as_a_json_array_of_id_score_source_rank_explanation()
    {
        await using var db = await MigratedDatabaseAsync();

        await new PostgresBatchWriter(db).WriteAsync(new SinkBatch { Recommendations = [TestRows.Recommendation("u1", 0)] }, Ct);

        Assert.Equal(
            ["explanation,id,rank,score,source"],
            await Sql.ListAsync<string>(db, "SELECT string_agg(k, ',' ORDER BY k) FROM recommendations, jsonb_array_elements(items) e, jsonb_object_keys(e) k"));
        Assert.Equal(["u1 item-u1-0-1 1"], await Sql.ListAsync<string>(db,
            "SELECT user_id || ' ' || (items->0->>'id') || ' ' || (items->0->>'rank') FROM recommendations"));
    }

    [Fact]
    public async Task Replaying_a_batch_changes_nothing()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        var batch = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 1), TestRows.Recommendation("u2", 1)],
            UserFeatures = [TestRows.Features("u1", 1)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 1)],
        };
        await writer.WriteAsync(batch, Ct);
        var before = await MirrorSnapshot.ReadAsync(db);
        var writtenAt = await Sql.ListAsync<DateTime>(db, "SELECT updated_at FROM recommendations ORDER BY user_id");

        var replayed = await writer.WriteAsync(batch, Ct);

        Assert.Equal(0, replayed);
        Assert.Equal(before.ToString(), (await MirrorSnapshot.ReadAsync(db)).ToString());
        Assert.Equal(writtenAt, await Sql.ListAsync<DateTime>(db, "SELECT updated_at FROM recommendations ORDER BY user_id"));
        Assert.Equal([1L, 1L], await Sql.ListAsync<long>(db, "SELECT version FROM recommendations ORDER BY user_id"));
    }

    [Fact]
    public async Task An_older_batch_arriving_late_does_not_move_rows_backwards()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        var newer = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 9)],
            UserFeatures = [TestRows.Features("u1", 9)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 9)],
        };
        var older = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 2), TestRows.Recommendation("u2", 2)],
            UserFeatures = [TestRows.Features("u1", 2)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 2)],
        };
        await writer.WriteAsync(newer, Ct);

        var written = await writer.WriteAsync(older, Ct);

        Assert.Equal(1, written); // only u2, which the newer batch did not have
        Assert.Equal(MirrorSnapshot.NewestPerKey([newer, older]).ToString(), (await MirrorSnapshot.ReadAsync(db)).ToString());
    }

    [Fact]
    public async Task A_newer_version_replaces_the_row_and_bumps_its_version()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        await writer.WriteAsync(new SinkBatch { Recommendations = [TestRows.Recommendation("u1", 1)] }, Ct);

        await writer.WriteAsync(new SinkBatch { Recommendations = [TestRows.Recommendation("u1", 2)] }, Ct);
        await writer.WriteAsync(new SinkBatch { Recommendations = [TestRows.Recommendation("u1", 3)] }, Ct);

        Assert.Equal(["hybrid-v3 3"], await Sql.ListAsync<string>(db, "SELECT algorithm || ' ' || version FROM recommendations"));
    }

    [Fact]
    public async Task Equal_timestamps_with_different_content_are_a_no_op()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        var first = TestRows.Recommendation("u1", 5);
        await writer.WriteAsync(new SinkBatch { Recommendations = [first] }, Ct);

        var written = await writer.WriteAsync(new SinkBatch { Recommendations = [first with { Algorithm = "other" }] }, Ct);

        Assert.Equal(0, written);
        Assert.Equal(["hybrid-v5"], await Sql.ListAsync<string>(db, "SELECT algorithm FROM recommendations"));
    }

    [Fact]
    public async Task Timestamps_differing_below_a_microsecond_count_as_equal()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        var first = TestRows.Recommendation("u1", 5);
        await writer.WriteAsync(new SinkBatch { Recommendations = [first] }, Ct);

        var written = await writer.WriteAsync(
            new SinkBatch { Recommendations = [first with { Algorithm = "other", GeneratedAt = first.GeneratedAt.AddTicks(5) }] },
            Ct);

        Assert.Equal(0, written);
        Assert.Equal(["hybrid-v5"], await Sql.ListAsync<string>(db, "SELECT algorithm FROM recommendations"));
    }

    [Fact]
    public async Task Several_versions_of_a_key_in_one_batch_reduce_to_the_newest()
    {
        await using var db = await MigratedDatabaseAsync();
        var batch = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 3), TestRows.Recommendation("u1", 7), TestRows.Recommendation("u1", 5), TestRows.Recommendation("u1", 7)],
            UserFeatures = [TestRows.Features("u1", 8), TestRows.Features("u1", 2)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 1), TestRows.Popularity("i1", "1h", 0, 6), TestRows.Popularity("i1", "1h", 1, 2)],
        };

        var written = await new PostgresBatchWriter(db).WriteAsync(batch, Ct);

        Assert.Equal(4, written);
        Assert.Equal(MirrorSnapshot.NewestPerKey([batch]).ToString(), (await MirrorSnapshot.ReadAsync(db)).ToString());
        Assert.Equal(["hybrid-v7"], await Sql.ListAsync<string>(db, "SELECT algorithm FROM recommendations"));
    }

    [Fact]
    public async Task A_failing_table_rolls_back_the_whole_batch()
    {
        await using var db = await MigratedDatabaseAsync();
        await Sql.ExecuteAsync(db, "ALTER TABLE item_popularity ADD CONSTRAINT positive_score CHECK (score >= 0)");
        var batch = new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 1)],
            ItemPopularity = [TestRows.Popularity("i1", "1h", 0, 1) with { Score = -1 }],
        };

        await Assert.ThrowsAsync<PostgresException>(() => new PostgresBatchWriter(db).WriteAsync(batch, Ct));

        Assert.Empty(await Sql.ListAsync<string>(db, "SELECT user_id FROM recommendations"));
    }

    [Fact]
    public async Task An_erased_users_list_and_features_are_deleted_before_the_batchs_rows_are_written()
    {
        await using var db = await MigratedDatabaseAsync();
        var writer = new PostgresBatchWriter(db);
        await writer.WriteAsync(new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 1), TestRows.Recommendation("u2", 1)],
            UserFeatures = [TestRows.Features("u1", 1), TestRows.Features("u2", 1)],
        }, Ct);

        var written = await writer.WriteAsync(new SinkBatch { ErasedUsers = ["u1", "u2"], Recommendations = [TestRows.Recommendation("u2", 0)] }, Ct);

        Assert.Equal(5, written);
        Assert.Equal(["u2"], await Sql.ListAsync<string>(db, "SELECT user_id FROM recommendations"));
        Assert.Empty(await Sql.ListAsync<string>(db, "SELECT user_id FROM user_features"));
    }

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync()
    {
        var db = await postgres.CreateDatabaseAsync();
        await new PostgresMigrator(db).MigrateAsync(Ct);
        return db;
    }
}
