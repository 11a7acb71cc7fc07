using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.History;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Rows;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.History;

[Collection(PostgresCollection.Name)]
public sealed class EngagementHistoryTests(PostgresFixture postgres)
{
    private static EngagementEventRow Event(string user, string id, int minute, string type = "view", double? rating = null) =>
        new(user, id, "item-" + id, type, TestRows.Epoch.AddMinutes(minute), rating, type == "watch" ? 600 : null, type == "watch" ? 5400.5 : null, minute % 2 == 0 ? "s-" + user : null)
        {
            UserIdHash = "hash-" + user,
        };

    [Fact]
    public async Task Mirrored_events_are_read_back_by_time_range_oldest_first_and_replays_change_nothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var db = await postgres.CreateDatabaseAsync();
        await new PostgresMigrator(db).MigrateAsync(cancel);
        var writer = new PostgresBatchWriter(db);
        EngagementEventRow[] events = [Event("u1", "e3", 3, "rating", 4.5), Event("u2", "e1", 1), Event("u1", "e2", 2, "watch"), Event("u2", "e4", 4)];

        await writer.WriteAsync(new SinkBatch { EngagementEvents = events }, cancel);
        await writer.WriteAsync(new SinkBatch { EngagementEvents = [events[0] with { ItemId = "replayed" }, events[0]] }, cancel);

        var all = await new PostgresEngagementHistory(db).ReadAsync(null, null, 100, cancel);
        Assert.Equal(["e1", "e2", "e3", "e4"], all.Select(e => e.EventId));
        Assert.Equal(events[0] with { UserIdHash = "" }, all[2]);
        Assert.Equal(events[2] with { UserIdHash = "" }, all[1]);
        var range = await new PostgresEngagementHistory(db).ReadAsync(TestRows.Epoch.AddMinutes(2), TestRows.Epoch.AddMinutes(4), 100, cancel);
        Assert.Equal(["e2", "e3"], range.Select(e => e.EventId));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresEngagementHistory(db).ReadAsync(null, null, 3, cancel));
        Assert.Contains("more than 3 events", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erasure_deletes_the_users_events_and_a_late_copy_of_an_older_one_is_not_written_again()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var db = await postgres.CreateDatabaseAsync();
        await new PostgresMigrator(db).MigrateAsync(cancel);
        var writer = new PostgresBatchWriter(db);
        await writer.WriteAsync(new SinkBatch { EngagementEvents = [Event("gone", "e1", 1), Event("gone", "e2", 2), Event("stays", "e3", 3)] }, cancel);
        Assert.Equal(3, (await Sql.ListAsync<string>(db, "SELECT event_id FROM engagement_events")).Count);

        await writer.WriteAsync(
            new SinkBatch { ErasedUsers = ["gone"], ErasureWatermarks = [new ErasureWatermarkRow("hash-gone", TestRows.Epoch.AddMinutes(5))] }, cancel);
        await writer.WriteAsync(new SinkBatch { EngagementEvents = [Event("gone", "e2", 2), Event("gone", "late", 5), Event("gone", "after", 6)] }, cancel);

        Assert.Equal(["after", "e3"], await Sql.ListAsync<string>(db, "SELECT event_id FROM engagement_events ORDER BY event_id"));
        Assert.Equal(["hash-gone"], await Sql.ListAsync<string>(db, "SELECT user_id_hash FROM erasure_watermarks"));
    }
}
