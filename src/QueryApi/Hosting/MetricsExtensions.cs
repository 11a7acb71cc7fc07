using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Observability;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>DI and pipeline wiring of the Prometheus exposition and the app's metrics.</summary>
public static class MetricsExtensions
{
    /// <summary>Registers <see cref="RecoStreamsMetrics"/> and the Prometheus collector.</summary>
    public static IServiceCollection AddRecoStreamsMetrics(this IServiceCollection services, Action<MetricsOptions>? configure = null)
    {
        services.AddMetrics();
        var options = services.AddOptions<MetricsOptions>()
            .Validate(o => o.MaxSeriesPerInstrument > 0, "MaxSeriesPerInstrument must be positive.")
            .Validate(
                o => o.HistogramBoundaries.Values.All(HasValidBounds),
                "Histogram bounds must be finite and strictly increasing.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<RecoStreamsMetrics>();
        services.AddSingleton(sp => new PrometheusMetricsCollector(
            sp.GetRequiredService<IOptions<MetricsOptions>>(), sp.GetRequiredService<IMeterFactory>()));
        services.AddHostedService<MetricsCollectorActivator>();
        return services;
    }

    /// <summary>Records every request's duration by route template and status.</summary>
    public static IApplicationBuilder UseRecoStreamsHttpMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<HttpMetricsMiddleware>();

    /// <summary>Maps the anonymous, rate-limit-exempt Prometheus scrape endpoint.</summary>
    public static IEndpointConventionBuilder MapRecoStreamsMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapGet(pattern, (HttpContext context, PrometheusMetricsCollector collector) =>
            {
                var body = PrometheusTextWriter.Write(collector.Collect());
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(body, PrometheusTextWriter.ContentType);
            })
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();

    private static bool HasValidBounds(double[] bounds) =>
        bounds.Select((b, i) => double.IsFinite(b) && (i == 0 || b > bounds[i - 1])).All(ok => ok);
}
