using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Tests.Shared;
using Xunit;
using static RecoStreams.QueryApi.Tests.Schemas.ContractSchemas;

namespace RecoStreams.Avro.Registry.Kafka.Tests;

/// <summary>On librdkafka's in-process mock cluster: proves the produce/read path, not a real broker's compaction.</summary>
public sealed class KafkaSchemaStoreTests : IDisposable
{
    private static readonly string CatalogV1 = Record("CatalogItem", """{"name":"item_id","type":"string"}""");
    private readonly MockCluster _cluster = new();

    public KafkaSchemaStoreTests() => _cluster.CreateTopic("_schemas", 1);

    public void Dispose() => _cluster.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registrations_survive_a_restart_with_the_same_ids_and_versions()
    {
        int engagementV1, engagementV2, catalog;
        using (var store = NewStore())
        {
            var registry = await EmbeddedSchemaRegistry.OpenAsync(store, Ct);
            engagementV1 = await registry.RegisterAsync("engagement-events-value", EngagementV1, Ct);
            catalog = await registry.RegisterAsync("catalog-items-value", CatalogV1, Ct);
            engagementV2 = await registry.RegisterAsync("engagement-events-value", Record("EngagementEvent", UserId, Weight), Ct);
            await registry.SetCompatibilityAsync(CompatibilityLevel.Full, "catalog-items-value", Ct);
        }

        using var restarted = NewStore();
        var reopened = await EmbeddedSchemaRegistry.OpenAsync(restarted, Ct);

        Assert.Equal(["catalog-items-value", "engagement-events-value"], await reopened.GetSubjectsAsync(Ct));
        Assert.Equal([1, 2], await reopened.GetVersionsAsync("engagement-events-value", Ct));
        Assert.Equal(engagementV1, (await reopened.GetVersionAsync("engagement-events-value", 1, Ct)).Id);
        Assert.Equal(engagementV2, (await reopened.GetVersionAsync("engagement-events-value", 2, Ct)).Id);
        Assert.Equal(catalog, (await reopened.GetVersionAsync("catalog-items-value", null, Ct)).Id);
        Assert.Equal(CompatibilityLevel.Full, await reopened.GetCompatibilityAsync("catalog-items-value", Ct));
        // Re-registering a known schema finds it instead of adding a version; a new one gets the next id.
        Assert.Equal(engagementV1, await reopened.RegisterAsync("engagement-events-value", EngagementV1, Ct));
        var next = await reopened.RegisterAsync("recommendation-feedback-value", Record("RecommendationFeedback", UserId), Ct);
        Assert.Equal(new[] { engagementV1, engagementV2, catalog }.Max() + 1, next);
    }

    [Fact]
    public async Task Soft_deletes_are_replayed_after_a_restart()
    {
        using (var store = NewStore())
        {
            var registry = await EmbeddedSchemaRegistry.OpenAsync(store, Ct);
            await registry.RegisterAsync("catalog-items-value", CatalogV1, Ct);
            await registry.RegisterAsync("engagement-events-value", EngagementV1, Ct);
            await registry.DeleteSubjectAsync("catalog-items-value", Ct);
        }

        using var restarted = NewStore();
        var reopened = await EmbeddedSchemaRegistry.OpenAsync(restarted, Ct);

        Assert.Equal(["engagement-events-value"], await reopened.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task Reads_records_back_in_append_order()
    {
        SchemaRegistryRecord[] appended =
        [
            new CompatibilityConfigRecord(null, "FULL_TRANSITIVE"),
            new SchemaVersionRecord("a-value", 1, 1, EngagementV1),
            new SchemaVersionRecord("a-value", 1, 1, EngagementV1, Deleted: true),
            new CompatibilityConfigRecord("a-value", "NONE"),
        ];
        using var store = NewStore();
        foreach (var record in appended)
        {
            await store.AppendAsync(record, Ct);
        }

        var read = new List<SchemaRegistryRecord>();
        await foreach (var record in store.ReadAllAsync(Ct))
        {
            read.Add(record);
        }

        Assert.Equal(appended, read);
    }

    [Fact]
    public async Task An_empty_topic_opens_an_empty_registry()
    {
        using var store = NewStore();

        var registry = await EmbeddedSchemaRegistry.OpenAsync(store, Ct);

        Assert.Empty(await registry.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task The_end_grows_with_each_append_and_another_instance_resolves_a_new_id_on_first_ask()
    {
        using var firstStore = NewStore();
        using var secondStore = NewStore();
        var first = await EmbeddedSchemaRegistry.OpenAsync(firstStore, Ct);
        var second = await EmbeddedSchemaRegistry.OpenAsync(secondStore, Ct);
        var before = await secondStore.EndAsync(Ct);

        var id = await first.RegisterAsync("catalog-items-value", CatalogV1, Ct);

        Assert.Equal(before + 1, await secondStore.EndAsync(Ct));
        Assert.Equal(CatalogV1, await second.GetSchemaByIdAsync(id, Ct));
    }

    [Fact]
    public async Task Instances_registering_different_subjects_at_the_same_time_never_share_an_id_between_schemas()
    {
        // Two instances of an app, each registering its own subjects as its stream threads first write them.
        using var firstStore = NewStore();
        using var secondStore = NewStore();
        var first = await EmbeddedSchemaRegistry.OpenAsync(firstStore, Ct);
        var second = await EmbeddedSchemaRegistry.OpenAsync(secondStore, Ct);
        var schemas = Enumerable.Range(0, 12).Select(i => (Subject: $"topic-{i}-value", Schema: Record($"Record{i}", UserId))).ToList();

        var ids = await Task.WhenAll(schemas.Select((s, i) => Task.Run(() => (i % 2 == 0 ? first : second).RegisterAsync(s.Subject, s.Schema, Ct), Ct)));

        using var readerStore = NewStore();
        var reader = await EmbeddedSchemaRegistry.OpenAsync(readerStore, Ct);
        Assert.Equal(schemas.Count, ids.Distinct().Count());
        for (var i = 0; i < schemas.Count; i++)
        {
            Assert.Equal(schemas[i].Schema, await reader.GetSchemaByIdAsync(ids[i], Ct));
            Assert.Equal(ids[i], (await reader.GetVersionAsync(schemas[i].Subject, null, Ct)).Id);
        }
    }

    [Fact]
    public async Task A_retracted_record_gets_a_tombstone_under_its_own_key_and_replays_skip_it()
    {
        using var store = NewStore();
        var winner = new SchemaVersionRecord("a-value", 1, 1, EngagementV1);
        var lost = new SchemaVersionRecord("b-value", 1, 1, CatalogV1);
        await store.AppendAsync(winner, Ct);
        await store.AppendAsync(lost, Ct);

        await store.RetractAsync(lost, Ct);

        var raw = TopicToEnd.ReadAll(_cluster.BootstrapServers, "_schemas");
        Assert.Equal(SchemaRecordKey.Of(lost), System.Text.Encoding.UTF8.GetString(raw[^1].Message.Key!));
        Assert.Null(raw[^1].Message.Value);
        Assert.NotEqual(SchemaRecordKey.Of(winner), SchemaRecordKey.Of(lost));
        var read = new List<SchemaRegistryRecord>();
        await foreach (var record in store.ReadAllAsync(Ct))
        {
            read.Add(record);
        }

        Assert.Equal([winner, lost], read);
        Assert.Equal(EngagementV1, await (await EmbeddedSchemaRegistry.OpenAsync(store, Ct)).GetSchemaByIdAsync(1, Ct));
    }

    private KafkaSchemaStore NewStore() => new(new KafkaSchemaStoreOptions { BootstrapServers = _cluster.BootstrapServers, Timeout = TimeSpan.FromSeconds(15) });
}
