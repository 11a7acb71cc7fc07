using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Postgres.History;
using RecoStreams.Processors.Privacy;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Mirror.Tests;

/// <summary>
/// The training history through the mirror, against a real Postgres (RECOSTREAMS_TEST_POSTGRES, as scripts/test.sh
/// starts it) and librdkafka's mock cluster: consenting users' events become rows a training job reads back as
/// the same events; a user without consent is not kept; an erased user's events go, and a late copy of one
/// from before the erase does not come back.
/// </summary>
public sealed class EventHistoryMirrorTests
{
    private const string App = "mirror-history";
    private const string HashKey = "mirror-history-test-key";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Consenting_users_events_are_kept_read_back_by_range_and_an_erased_users_are_gone_for_good()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await MirrorTestDatabase.CreateAsync("recostreams_history", cancel);
        var connectionString = database.ConnectionString;
        using var cluster = new MockCluster();
        MirroredTopics.Create(cluster, App, partitions: 2);
        cluster.CreateTopic(RecoTopics.EngagementEvents, 2);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        var serde = InputSerdes.EngagementEvents(registry);
        Domain.EngagementEvent[] ann =
        [
            new(Id(1), "ann", "i1", Domain.EventType.View, At),
            new(Id(2), "ann", "i2", Domain.EventType.Rating, At.AddMinutes(1), Rating: 4.5),
            new(Id(3), "ann", "i3", Domain.EventType.Watch, At.AddMinutes(2), WatchSeconds: 600, ItemDurationSeconds: 5400, SessionId: "s1"),
        ];
        var erasedAt = At.AddMinutes(10);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            void Send(string topic, string key, byte[]? value, DateTimeOffset? timestamp = null) => producer.Produce(topic, new Message<byte[], byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(key),
                Value = value,
                Timestamp = timestamp is { } t ? new Timestamp(t) : Timestamp.Default,
            });
            byte[] Encode(Domain.EngagementEvent e) => serde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false));

            foreach (var e in ann.Append(new(Id(4), "opted-out", "i1", Domain.EventType.View, At)).Append(new(Id(5), "gone", "i1", Domain.EventType.View, At)))
            {
                Send(RecoTopics.EngagementEvents, e.UserId, Encode(e));
            }

            Send(RecoTopics.RecommendationUpdated, "gone", null, erasedAt);
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));

            // After the erase is mirrored: a late copy of an event from before it, and a new one after it.
            await using var db = NpgsqlDataSource.Create(connectionString);
            var history = new MirrorEngagementHistoryReader(new PostgresEngagementHistory(db));
            var service = new PostgresMirrorService(
                new PostgresMirrorSettings(connectionString, cluster.BootstrapServers, App),
                registry,
                new PostgresMirrorReadiness(),
                NullLoggerFactory.Instance,
                new EventHistoryMirroring(new UserIdHash(HashKey), user => user != "opted-out"));
            await service.StartAsync(cancel);
            try
            {
                await WaitForAsync(db, "SELECT count(*) FROM erasure_watermarks", 1, cancel);
                Send(RecoTopics.EngagementEvents, "gone", Encode(new(Id(6), "gone", "i2", Domain.EventType.View, erasedAt.AddMinutes(-1))));
                Send(RecoTopics.EngagementEvents, "gone", Encode(new(Id(7), "gone", "i3", Domain.EventType.View, erasedAt.AddMinutes(1))));
                Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
                await WaitForAsync(db, "SELECT count(*) FROM engagement_events", ann.Length + 1, cancel);

                var all = await history.ReadAsync(null, null, 100, TimeSpan.FromSeconds(30), cancel);
                Assert.Equal([.. ann, new(Id(7), "gone", "i3", Domain.EventType.View, erasedAt.AddMinutes(1))], all.Events);
                var range = await history.ReadAsync(At.AddMinutes(1), At.AddMinutes(3), 100, TimeSpan.FromSeconds(30), cancel);
                Assert.Equal(ann[1..], range.Events);
                var watermark = await Scalar<string>(db, "SELECT user_id_hash || '@' || erased_at FROM erasure_watermarks", cancel);
                Assert.StartsWith(new UserIdHash(HashKey).Of("gone") + "@", watermark, StringComparison.Ordinal);
                await Assert.ThrowsAsync<InvalidOperationException>(() => history.ReadAsync(null, null, 2, TimeSpan.FromSeconds(30), cancel));
            }
            finally
            {
                await service.StopAsync(CancellationToken.None);
                service.Dispose();
            }
        }
    }

    private static string Id(int n) => FormattableString.Invariant($"00000000-0000-4000-8000-{n:D12}");

    private static async Task WaitForAsync(NpgsqlDataSource db, string countSql, long expected, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long count = -1;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                count = await Scalar<long>(db, countSql, cancel);
                if (count == expected)
                {
                    return;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Not migrated yet.
            }

            await Task.Delay(200, cancel);
        }

        Assert.Fail($"{countSql} stayed at {count}, expected {expected}");
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql, CancellationToken cancel)
    {
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancel))!;
    }
}
