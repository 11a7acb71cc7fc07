using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Observability;
using RecoStreams.QueryApi.Tests.Support;
using RecoStreams.Streams.Diagnostics;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_serves_valid_text_format_with_route_templates_and_status_codes()
    {
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsMetrics(),
            app =>
            {
                app.UseRecoStreamsHttpMetrics();
                app.MapGet("/items/{itemId}", (string itemId) => Results.Ok(itemId));
                app.MapRecoStreamsMetrics();
            });
        var ct = TestContext.Current.CancellationToken;
        await host.Client.GetAsync(new Uri("/items/a%22b", UriKind.Relative), ct);
        await host.Client.GetAsync(new Uri("/items/c", UriKind.Relative), ct);
        await host.Client.GetAsync(new Uri("/nowhere/42", UriKind.Relative), ct);

        var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var families = PrometheusTextParser.Parse(text);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var duration = families["recostreams_http_server_request_duration_seconds"];
        Assert.Equal("histogram", duration.Type);
        var counts = duration.Samples.Where(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, counts.Single(s => s.Label("http_route") == "/items/{itemId}" && s.Label("http_response_status_code") == "200").Value);
        Assert.Equal(1, counts.Single(s => s.Label("http_route") == HttpMetricsMiddleware.UnmatchedRoute && s.Label("http_response_status_code") == "404").Value);
        Assert.All(counts, s => Assert.Equal("GET", s.Label("http_request_method")));
    }

    [Fact]
    public async Task Forwarded_queries_and_rate_limit_rejections_are_counted_from_zero()
    {
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsMetrics(),
            app => app.MapRecoStreamsMetrics());
        var metrics = host.App.Services.GetRequiredService<RecoStreamsMetrics>();
        metrics.RecordForwardedQuery("timeout");
        metrics.RecordForwardedQuery("timeout");
        metrics.RecordRateLimited();

        var families = PrometheusTextParser.Parse(
            await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));

        var forwarded = families["recostreams_queries_forwarded_total"].Samples;
        Assert.Equal(2, forwarded.Single(s => s.Label("outcome") == "timeout").Value);
        Assert.Equal(0, forwarded.Single(s => s.Label("outcome") == "answered").Value);
        Assert.Equal(1, families["recostreams_http_rate_limited_total"].Samples.Single().Value);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_export_only_their_own_meters()
    {
        await using var first = await TestHost.StartAsync(b => AddMetricsAndStreamsTelemetry(b.Services), app => app.MapRecoStreamsMetrics());
        await using var second = await TestHost.StartAsync(b => AddMetricsAndStreamsTelemetry(b.Services), app => app.MapRecoStreamsMetrics());
        first.App.Services.GetRequiredService<RecoStreamsMetrics>().RecordRateLimited();
        second.App.Services.GetRequiredService<RecoStreamsMetrics>().RecordRateLimited();
        second.App.Services.GetRequiredService<RecoStreamsMetrics>().RecordRateLimited();
        first.App.Services.GetRequiredService<StreamsTelemetry>().RecordsConsumed("events", 5);
        second.App.Services.GetRequiredService<StreamsTelemetry>().RecordsConsumed("events", 7);

        var families = PrometheusTextParser.Parse(
            await first.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Equal(1, families["recostreams_http_rate_limited_total"].Samples.Single().Value);
        Assert.Equal(5, families["recostreams_streams_records_consumed_total"].Samples.Single().Value);
    }

    private static void AddMetricsAndStreamsTelemetry(IServiceCollection services) =>
        services.AddRecoStreamsMetrics().AddSingleton(sp => new StreamsTelemetry(sp.GetRequiredService<IMeterFactory>()));
}
