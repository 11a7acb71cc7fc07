using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace RecoStreams.QueryApi.Observability.Tracing;

/// <summary>
/// Builds the tracer provider when the host starts (spans started before it exists are not sampled); the
/// container disposes it at shutdown, which flushes the exporter.
/// </summary>
internal sealed class TracerProviderActivator(TracerProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(provider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
