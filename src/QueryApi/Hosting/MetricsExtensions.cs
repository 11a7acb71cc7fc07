using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RecoStreams.QueryApi.Observability;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// DI and pipeline wiring of the app's metrics and their Prometheus exposition (OpenTelemetry's exporter).
/// </summary>
/// <remarks>
/// The exporter's own <c>AddMeter</c> listens to every meter of that name in the process, so two hosts in
/// one process (the routing test and benchmark) exported each other's counters. The metrics rule below
/// enables the "RecoStreams*" meters for the host's own <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
/// only (<see cref="MeterScope.Local"/>): every component creates its meter through that factory.
/// </remarks>
public static class MetricsExtensions
{
    /// <summary>Meters whose name starts with this (dot-separated) prefix are exported.</summary>
    public const string MeterPrefix = "RecoStreams";

    /// <summary>The service name on the exporter's <c>target_info</c>.</summary>
    public const string ServiceName = "recostreams";

    /// <summary>Registers <see cref="RecoStreamsMetrics"/> and the Prometheus exporter for this host's meters.</summary>
    public static IServiceCollection AddRecoStreamsMetrics(this IServiceCollection services)
    {
        services.AddMetrics(metrics => metrics.EnableMetrics(MeterPrefix, instrumentName: null, listenerName: null, MeterScope.Local));
        // Each scrape collects afresh: a cached answer would hide what happened in the last 300 ms from a test or an operator.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddSingleton<RecoStreamsMetrics>();
        return services;
    }

    /// <summary>Records every request's duration by route template and status.</summary>
    public static IApplicationBuilder UseRecoStreamsHttpMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<HttpMetricsMiddleware>();

    /// <summary>Maps the anonymous, rate-limit-exempt Prometheus scrape endpoint.</summary>
    public static IEndpointConventionBuilder MapRecoStreamsMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapPrometheusScrapingEndpoint(pattern)
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();
}
