using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecoStreams.QueryApi.Observability.Tracing;
using RecoStreams.Streams.Diagnostics;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of OpenTelemetry tracing for the "RecoStreams" activity source.</summary>
public static class TracingExtensions
{
    /// <summary>
    /// Exports spans of <see cref="RecoStreamsTracing.Source"/> over OTLP when <c>Otlp:Endpoint</c> is set;
    /// otherwise registers nothing, so spans are never created.
    /// </summary>
    public static IServiceCollection AddRecoStreamsTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OtlpOptions.SectionName);
        services.Configure<OtlpOptions>(section);
        var otlp = section.Get<OtlpOptions>() ?? new OtlpOptions();
        if (otlp.Endpoint is null)
        {
            return services;
        }

        var protocol = otlp.Protocol switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"Otlp:Protocol '{otlp.Protocol}' is not one of grpc, http/protobuf."),
        };
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(otlp.ServiceName))
            .AddSource(RecoStreamsTracing.SourceName, StreamsTelemetry.ActivitySourceName)
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = otlp.Endpoint;
                exporter.Protocol = protocol;
            })
            .Build());
        services.AddHostedService<TracerProviderActivator>();
        return services;
    }

    /// <summary>A server span per request; belongs first in the pipeline so the span covers everything.</summary>
    public static IApplicationBuilder UseRecoStreamsTracing(this IApplicationBuilder app) => app.UseMiddleware<HttpTracingMiddleware>();
}
