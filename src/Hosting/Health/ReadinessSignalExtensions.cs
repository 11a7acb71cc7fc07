using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoStreams.Hosting.Health;

/// <summary>Registers readiness signals as health checks tagged <see cref="HealthTags.Ready"/>.</summary>
public static class ReadinessSignalExtensions
{
    /// <summary>Registers a signal instance (e.g. a <see cref="ReadinessSignal"/> the runtime flips).</summary>
    public static IServiceCollection AddReadinessSignal(this IServiceCollection services, string name, IReadinessSignal signal)
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            name, _ => new ReadinessHealthCheck(signal), HealthStatus.Unhealthy, [HealthTags.Ready]));
        return services;
    }

    /// <summary>Registers a signal resolved from the container, so it can depend on the runtime's services.</summary>
    public static IServiceCollection AddReadinessSignal<TSignal>(this IServiceCollection services, string name)
        where TSignal : class, IReadinessSignal
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            sp => new ReadinessHealthCheck(sp.GetRequiredService<TSignal>()),
            HealthStatus.Unhealthy,
            [HealthTags.Ready]));
        return services;
    }
}
