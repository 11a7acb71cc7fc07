using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Affinity;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Mirror.Tests;

/// <summary>
/// The whole mirror path against a real Postgres (the one scripts/test.sh starts and names in
/// RECOSTREAMS_TEST_POSTGRES) and librdkafka's mock cluster: records on the mirrored topics become rows,
/// and replayed or older records never move a row back.
/// </summary>
public sealed class PostgresMirrorServiceTests
{
    private const string App = "mirror-e2e";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Topics_become_rows_and_a_replay_with_an_older_list_leaves_every_row_unchanged()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await MirrorTestDatabase.CreateAsync("recostreams_mirror", cancel);
        var connectionString = database.ConnectionString;
        using var cluster = new MockCluster();
        var topics = new RecoTopics(App);
        // Two partitions each, so the mirror reads several partitions at once, as in production.
        MirroredTopics.Create(cluster, App, partitions: 2);

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var records = await RecordsAsync(registry, topics, cancel);
        MirroredTopics.Produce(producer, records);

        await using var db = NpgsqlDataSource.Create(connectionString);
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var readiness = new PostgresMirrorReadiness();
        var metrics = new MirrorMetrics(meters.GetRequiredService<IMeterFactory>(), readiness, TimeProvider.System);
        var first = await RunMirrorUntilAsync(cluster, registry, connectionString, db, rows => rows.Count == 3, cancel, readiness);
        Assert.Equal(3, first.Count);
        var observed = ObservedMirrorMetrics(meters.GetRequiredService<IMeterFactory>());
        Assert.True(observed["recostreams.mirror.rows"] >= 3, $"rows committed: {observed["recostreams.mirror.rows"]}");
        Assert.Equal(0, observed["recostreams.mirror.pending"]);
        Assert.Equal(0, observed["recostreams.mirror.lag"]);
        GC.KeepAlive(metrics);
        Assert.Contains("recommendations|ann|[\"i2\", \"i1\"]|hybrid", first);
        Assert.Contains("user_features|ann|2|1", first);
        Assert.Contains(first, r => r.StartsWith("item_popularity|i1|1h|4.5", StringComparison.Ordinal));

        // The same records again (a producer retry), ann's older list (an out-of-order update), then a
        // sentinel list for zed; once zed's row is there, everything before it has been handled.
        MirroredTopics.Produce(producer, records);
        MirroredTopics.Produce(producer, [(RecoTopics.RecommendationUpdated, "ann", await MirroredTopics.ListAsync(registry, "ann", At.AddMinutes(-5), ["i9"], cancel))]);
        MirroredTopics.Produce(producer, records.Where(r => r.Topic != RecoTopics.RecommendationUpdated));
        MirroredTopics.Produce(producer, [(RecoTopics.RecommendationUpdated, "zed", await MirroredTopics.ListAsync(registry, "zed", At, ["i3"], cancel))]);
        var replayed = await RunMirrorUntilAsync(cluster, registry, connectionString, db, rows => rows.Any(r => r.Contains("|zed|", StringComparison.Ordinal)), cancel);
        Assert.Contains("recommendations|zed|[\"i3\"]|hybrid", replayed);
        Assert.Equal(first, replayed.Where(r => !r.Contains("|zed|", StringComparison.Ordinal)));
    }

    /// <summary>The current value of each instrument of the mirror's meter that <paramref name="factory"/> created.</summary>
    private static Dictionary<string, double> ObservedMirrorMetrics(IMeterFactory factory)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == MirrorMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static async Task<List<string>> RunMirrorUntilAsync(
        MockCluster cluster,
        EmbeddedSchemaRegistry registry,
        string connectionString,
        NpgsqlDataSource db,
        Func<List<string>, bool> done,
        CancellationToken cancel,
        PostgresMirrorReadiness? readiness = null)
    {
        var service = new PostgresMirrorService(
            new PostgresMirrorSettings(connectionString, cluster.BootstrapServers, App), registry, readiness ?? new PostgresMirrorReadiness(), NullLoggerFactory.Instance);
        await service.StartAsync(cancel);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var rows = await SnapshotAsync(db, cancel);
                if (done(rows) || DateTime.UtcNow > deadline)
                {
                    return rows;
                }

                await Task.Delay(200, cancel);
            }
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
    }

    private static async Task<List<string>> SnapshotAsync(NpgsqlDataSource db, CancellationToken cancel)
    {
        var rows = new List<string>();
        try
        {
            await using var command = db.CreateCommand("""
                SELECT 'recommendations|' || user_id || '|' || jsonb_path_query_array(items, '$[*].id')::text || '|' || strategy FROM recommendations
                UNION ALL SELECT 'user_features|' || user_id || '|' || (genre_scores->>'Drama') || '|' || (creator_scores->>'Leckie') FROM user_features
                UNION ALL SELECT 'item_popularity|' || item_id || '|' || "window" || '|' || score FROM item_popularity
                ORDER BY 1
                """);
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                rows.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not migrated yet.
        }

        return rows;
    }

    private static async Task<List<(string Topic, string Key, byte[]? Value)>> RecordsAsync(
        EmbeddedSchemaRegistry registry, RecoTopics topics, CancellationToken cancel)
    {
        var profile = new Domain.UserProfile("ann", 10, 64, 10) { LastEngagementMs = At.ToUnixTimeMilliseconds() };
        profile.Genres["Drama"] = new DecayedScore(2, At.ToUnixTimeMilliseconds());
        profile.Creators["Leckie"] = new DecayedScore(1, At.ToUnixTimeMilliseconds());
        var stats = new Domain.ItemStats("i1", At.ToUnixTimeMilliseconds(), [new Domain.WindowedPopularity(3_600_000, At.AddMinutes(-30).ToUnixTimeMilliseconds(), 4.5, 3)], 5, 3, [], ["Drama"]);
        var statsBytes = await new ConfluentAvroSerializer<ItemStats>(ItemStatsContract.Instance, registry)
            .SerializeAsync(ItemStatsMapper.ToContract(stats), topics.ItemStats, isKey: false, cancel);
        return
        [
            (RecoTopics.RecommendationUpdated, "ann", await MirroredTopics.ListAsync(registry, "ann", At, ["i2", "i1"], cancel)),
            (MirroredTopics.Profiles(App), "ann", MirroredTopics.Profile(App, profile)),
            (MirroredTopics.Profiles(App), "gone", null),
            (topics.ItemStats, "i1", statsBytes),
        ];
    }
}
