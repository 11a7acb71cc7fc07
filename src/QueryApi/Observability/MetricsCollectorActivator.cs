using Microsoft.Extensions.Hosting;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Creates the collector when the host starts: its listener only sees measurements made after it exists,
/// so waiting for the first scrape would silently lose everything recorded before it.
/// </summary>
internal sealed class MetricsCollectorActivator(PrometheusMetricsCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
