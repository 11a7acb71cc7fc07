using Npgsql;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.Delivery;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSinkWorkerDatabaseTests(PostgresFixture postgres)
{
    private static readonly PostgresSinkOptions FastRetries = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        NonTransientRetries = 2,
    };

    [Fact]
    public async Task A_missing_table_fails_the_worker_after_bounded_retries_and_nothing_is_acknowledged()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await new PostgresMigrator(db).MigrateAsync(TestContext.Current.CancellationToken);
        await Sql.ExecuteAsync(db, "DROP TABLE user_features");
        var source = new ScriptedSource([new SinkBatch
        {
            Recommendations = [TestRows.Recommendation("u1", 1)],
            UserFeatures = [TestRows.Features("u1", 1)],
        }]);
        var worker = new PostgresSinkWorker(source, new PostgresBatchWriter(db), FastRetries);

        var error = await Assert.ThrowsAsync<PostgresException>(() => worker.RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        Assert.Empty(source.Acknowledgements);
        Assert.Empty(await Sql.ListAsync<string>(db, "SELECT user_id FROM recommendations")); // rolled back with the batch
        var status = worker.Status.Snapshot();
        Assert.Equal(SinkState.Failed, status.State);
        Assert.Equal(FastRetries.NonTransientRetries, status.Retries);
        Assert.Contains("user_features", status.LastError);
    }
}
