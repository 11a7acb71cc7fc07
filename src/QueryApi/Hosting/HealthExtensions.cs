using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoStreams.Hosting.Health;
using RecoStreams.QueryApi.Observability.Health;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of <c>/health/live</c> and <c>/health/ready</c>; readiness signals register through <see cref="ReadinessSignalExtensions"/>.</summary>
public static class HealthExtensions
{
    public static IServiceCollection AddRecoStreamsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
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
