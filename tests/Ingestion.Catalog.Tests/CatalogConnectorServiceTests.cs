using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Ingestion.Catalog.Service;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

public sealed class CatalogConnectorServiceTests : IDisposable
{
    private readonly MockCluster _cluster = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-service-").FullName;

    public CatalogConnectorServiceTests() => _cluster.CreateTopic(RecoTopics.CatalogItems, 1);

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Registers_nothing_when_no_service_url_is_configured()
    {
        var services = new ServiceCollection();

        services.AddCatalogConnector(new ConfigurationBuilder().Build(), _cluster.BootstrapServers, _folder);

        Assert.DoesNotContain(services, s => s.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public async Task Hosted_connector_polls_on_its_interval_and_keeps_its_cursor_in_the_data_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await FakeCatalogService.StartAsync();
        service.Upsert("item-1", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:ServiceUrl"] = service.BaseAddress.ToString(),
            ["Catalog:PollInterval"] = "00:00:00.100",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ISchemaRegistryClient>(registry);
        services.AddCatalogConnector(configuration, _cluster.BootstrapServers, _folder);
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());

        await hosted.StartAsync(ct);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry).Count == 0 || service.Requests.Count < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "the hosted connector never published item-1 and polled again");
                await Task.Delay(100, ct);
            }
        }
        finally
        {
            await hosted.StopAsync(ct);
        }

        Assert.Equal("item-1", CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry)[0].Key);
        Assert.True(File.Exists(Path.Combine(_folder, "catalog-connector.cursor.json")));
    }
}
