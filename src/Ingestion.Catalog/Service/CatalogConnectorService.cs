using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Avro.Registry;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>
/// Runs the <see cref="CatalogServiceConnector"/> every <see cref="CatalogConnectorOptions.PollInterval"/>.
/// A failed poll is logged and retried at the next interval from the unchanged cursor; it never stops the host.
/// </summary>
public sealed class CatalogConnectorService(
    IOptions<CatalogConnectorOptions> options,
    CatalogKafkaTarget target,
    ISchemaRegistryClient registry,
    IHttpClientFactory httpClients,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<CatalogConnectorService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var publisher = await CatalogPublisher.CreateAsync(target.BootstrapServers, registry, cancellationToken: stoppingToken);
        var client = new CatalogServiceClient(httpClients.CreateClient(nameof(CatalogServiceClient)), settings);
        var connector = new CatalogServiceConnector(client, publisher, settings, loggers.CreateLogger<CatalogServiceConnector>());
        using var timer = new PeriodicTimer(settings.PollInterval);
        do
        {
            try
            {
                var result = await connector.PollOnceAsync(stoppingToken);
                if (!result.NotModified)
                {
                    _logger.LogInformation(
                        "Catalog poll: {Pages} pages, {Published} items, {Deleted} deletions, {Skipped} skipped; cursor {Cursor}",
                        result.Pages, result.Published, result.Deleted, result.Skipped.Count, connector.Cursor.UpdatedSince);
                }
            }
            catch (Exception e) when (e is CatalogServiceException or Confluent.Kafka.KafkaException or IOException or System.Text.Json.JsonException)
            {
                _logger.LogError(e, "Catalog poll failed; retrying from cursor {Cursor} in {Interval}", connector.Cursor.UpdatedSince, settings.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
