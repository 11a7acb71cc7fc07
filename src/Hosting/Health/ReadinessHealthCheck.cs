using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoStreams.Hosting.Health;

/// <summary>Adapts an <see cref="IReadinessSignal"/> to the built-in health check service.</summary>
internal sealed class ReadinessHealthCheck(IReadinessSignal signal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await signal.CheckAsync(cancellationToken);
        return result.IsReady ? HealthCheckResult.Healthy(result.Description) : HealthCheckResult.Unhealthy(result.Description);
    }
}
