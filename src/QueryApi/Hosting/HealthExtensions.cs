using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoStreams.QueryApi.Observability.Health;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of <c>/health/live</c> and <c>/health/ready</c> and of readiness signals.</summary>
public static class HealthExtensions
{
    public static IServiceCollection AddRecoStreamsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

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

    /// <summary>
    /// Maps the anonymous, rate-limit-exempt health endpoints: live runs only checks tagged
    /// <see cref="HealthTags.Live"/> (none by default: the process answering is the signal), ready runs
    /// checks tagged <see cref="HealthTags.Ready"/> and answers 503 until all pass.
    /// </summary>
    public static IEndpointRouteBuilder MapRecoStreamsHealth(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/health/live", HealthTags.Live);
        Map(endpoints, "/health/ready", HealthTags.Ready);
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string pattern, string tag) =>
        endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(tag),
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        })
        .AllowAnonymous()
        .DisableRateLimiting()
        .ExcludeFromDescription();
}
