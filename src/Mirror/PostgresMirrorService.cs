using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RecoStreams.Avro.Registry;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Migrations;

namespace RecoStreams.Mirror;

/// <summary>
/// Runs the Postgres mirror: migrates the schema (retrying while Postgres is unreachable), then the
/// sink worker over a <see cref="KafkaSinkSource"/>. A failed worker is restarted after a pause, so an
/// outage never needs an operator; the readiness signal reports it meanwhile.
/// </summary>
public sealed class PostgresMirrorService(
    PostgresMirrorSettings settings,
    ISchemaRegistryClient registry,
    PostgresMirrorReadiness readiness,
    ILoggerFactory loggers,
    EventHistoryMirroring? history = null) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger<PostgresMirrorService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = NpgsqlDataSource.Create(settings.ConnectionString);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await new PostgresMigrator(db).MigrateAsync(stoppingToken);
                readiness.ReportStartupFailure(null);
                var options = new MirrorOptions { ConsumerOverrides = settings.ConsumerOverrides ?? new Dictionary<string, string>() };
                using var source = new KafkaSinkSource(
                    settings.BootstrapServers, settings.ApplicationId, registry, options, loggers.CreateLogger<KafkaSinkSource>(), history);
                var worker = new PostgresSinkWorker(source, new PostgresBatchWriter(db), new PostgresSinkOptions(), logger: loggers.CreateLogger<PostgresSinkWorker>());
                readiness.Attach(worker.Status);
                await worker.RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is NpgsqlException or InvalidOperationException or Confluent.Kafka.KafkaException)
            {
                readiness.ReportStartupFailure(e.Message);
                _logger.LogError(e, "Postgres mirror stopped; restarting in {Delay}", RestartDelay);
                await Task.Delay(RestartDelay, stoppingToken);
            }
        }
    }
}
