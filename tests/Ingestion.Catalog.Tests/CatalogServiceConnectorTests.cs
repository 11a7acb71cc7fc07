using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Ingestion.Catalog.Service;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

public sealed class CatalogServiceConnectorTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly MockCluster _cluster = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-connector-").FullName;

    public CatalogServiceConnectorTests() => _cluster.CreateTopic(RecoTopics.CatalogItems, 2);

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Pages_updates_deletions_malformed_items_and_a_500_reach_the_topic_and_the_cursor_survives_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await FakeCatalogService.StartAsync();
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), ct);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: ct);
        var options = Options(service);
        for (var i = 1; i <= 5; i++)
        {
            service.Upsert($"item-{i}", T0.AddMinutes(i));
        }

        // 1. Everything, in pages of two.
        var first = await Connector(options, publisher).PollOnceAsync(ct);
        Assert.Equal((3, 5, 0), (first.Pages, first.Published, first.Deleted));
        Assert.Equal(["item-1", "item-2", "item-3", "item-4", "item-5"], Latest(registry).Keys.Order());
        Assert.Equal(T0.AddMinutes(5), CatalogCursor.Load(options.CursorPath).UpdatedSince);

        // 2. Nothing changed: one re-read at the cursor (inclusive) learns the ETag, the next poll is a 304.
        var connector = Connector(options, publisher);
        Assert.False((await connector.PollOnceAsync(ct)).NotModified);
        Assert.True((await connector.PollOnceAsync(ct)).NotModified);
        Assert.StartsWith("304 ", service.Requests[^1], StringComparison.Ordinal);

        // 3. An update, a deletion, a malformed item and a new one, served after one 500.
        service.Upsert("item-2", T0.AddMinutes(6), $$"""{"item_id":"item-2","title":"Renamed","updated_at":"{{T0.AddMinutes(6):O}}"}""");
        service.Delete("item-3", T0.AddMinutes(6));
        service.Upsert("item-6", T0.AddMinutes(7), $$"""{"item_id":"item-6","genres":["Drama",""],"updated_at":"{{T0.AddMinutes(7):O}}"}""");
        service.Upsert("item-7", T0.AddMinutes(8));
        service.FailNext(1);
        var third = await connector.PollOnceAsync(ct);
        Assert.Contains(service.Requests, r => r.StartsWith("500 ", StringComparison.Ordinal));
        // item-5 again (updated_since is inclusive), then item-2 and item-7.
        Assert.Equal((3, 1), (third.Published, third.Deleted));
        var skipped = Assert.Single(third.Skipped);
        Assert.Equal("item-6", skipped.ItemId);
        var latest = Latest(registry);
        Assert.Equal("Renamed", latest["item-2"]!.Title);
        Assert.Null(latest["item-3"]);
        Assert.False(latest.ContainsKey("item-6"));
        Assert.Equal("Title of item-7", latest["item-7"]!.Title);

        // 4. A new connector (a restart) resumes from the persisted cursor, not from the beginning.
        var restarted = Connector(options, publisher);
        Assert.Equal(T0.AddMinutes(8), restarted.Cursor.UpdatedSince);
        var before = service.Requests.Count;
        await restarted.PollOnceAsync(ct);
        var resumed = service.Requests[before];
        Assert.Contains("updated_since=" + Uri.EscapeDataString("2026-11-01T00:08:00.0000000Z"), resumed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_failing_past_the_retries_throws_and_leaves_the_cursor_where_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await FakeCatalogService.StartAsync();
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), ct);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: ct);
        var options = Options(service);
        service.Upsert("item-1", T0);
        await Connector(options, publisher).PollOnceAsync(ct);
        service.FailNext(options.MaxRetries + 1);

        var failure = await Assert.ThrowsAsync<CatalogServiceException>(() => Connector(options, publisher).PollOnceAsync(ct));

        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.Equal(options.MaxRetries + 1, service.Requests.Count(r => r.StartsWith("500 ", StringComparison.Ordinal)));
        Assert.Equal(T0, CatalogCursor.Load(options.CursorPath).UpdatedSince);
    }

    private CatalogConnectorOptions Options(FakeCatalogService service) => new()
    {
        ServiceUrl = service.BaseAddress,
        PageSize = 2,
        CursorPath = Path.Combine(_folder, "cursor.json"),
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetries = 3,
    };

    private static CatalogServiceConnector Connector(CatalogConnectorOptions options, CatalogPublisher publisher) =>
        new(new CatalogServiceClient(new HttpClient(), options), publisher, options, NullLogger<CatalogServiceConnector>.Instance);

    /// <summary>The table view of the topic: each key's last value (null = tombstone).</summary>
    private Dictionary<string, RecoStreams.Avro.Contracts.CatalogItem?> Latest(RecoStreams.Avro.Registry.ISchemaRegistryClient registry)
    {
        var latest = new Dictionary<string, RecoStreams.Avro.Contracts.CatalogItem?>();
        foreach (var (key, value, _) in CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry))
        {
            latest[key] = value;
        }

        return latest;
    }
}
