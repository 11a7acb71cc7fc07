using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Observability;
using RecoStreams.QueryApi.Tests.Support;
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
    public async Task App_instruments_from_recostreams_metrics_appear_in_the_scrape()
    {
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsMetrics(),
            app => app.MapRecoStreamsMetrics());
        var metrics = host.App.Services.GetRequiredService<RecoStreamsMetrics>();
        metrics.RecordsProcessed("0_3", 12);
        metrics.DeadLettered("validate", "missing_user_id");
        metrics.RecordCommit(TimeSpan.FromMilliseconds(30));
        metrics.RecordPunctuation("recompute-dirty-users", TimeSpan.FromMilliseconds(120));
        metrics.RecordCacheLookup("user-profiles", hit: true);
        metrics.RecordFreshness(TimeSpan.FromMilliseconds(800));
        using var lag = metrics.ObserveConsumerLag(() => [new ConsumerLagSample("engagement-events", 2, 40)]);
        using var sizes = metrics.ObserveStoreSizes(() => [new StoreSizeSample("user-profiles", 10, 4096)]);

        var families = PrometheusTextParser.Parse(
            await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Equal(12, families["recostreams_records_processed_total"].Samples.Single().Value);
        Assert.Equal("missing_user_id", families["recostreams_dlq_records_total"].Samples.Single().Label("reason"));
        Assert.Equal(1, families["recostreams_commit_duration_seconds"].Samples.Single(s => s.Label("le") == "0.05").Value);
        Assert.Contains("recostreams_punctuation_duration_seconds", families.Keys);
        Assert.Equal("hit", families["recostreams_cache_lookups_total"].Samples.Single().Label("result"));
        Assert.Equal(1, families["recostreams_recommendation_freshness_seconds"].Samples.Single(s => s.Label("le") == "1").Value);
        Assert.Equal(40, families["recostreams_consumer_lag"].Samples.Single(s => s.Label("partition") == "2").Value);
        Assert.Equal(4096, families["recostreams_store_size_bytes"].Samples.Single().Value);
        Assert.Equal(10, families["recostreams_store_entries"].Samples.Single().Value);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_export_only_their_own_meters()
    {
        await using var first = await TestHost.StartAsync(b => b.Services.AddRecoStreamsMetrics(), app => app.MapRecoStreamsMetrics());
        await using var second = await TestHost.StartAsync(b => b.Services.AddRecoStreamsMetrics(), app => app.MapRecoStreamsMetrics());
        first.App.Services.GetRequiredService<RecoStreamsMetrics>().RecordsProcessed("0_0", 5);
        second.App.Services.GetRequiredService<RecoStreamsMetrics>().RecordsProcessed("0_0", 7);

        var families = PrometheusTextParser.Parse(
            await first.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Equal(5, families["recostreams_records_processed_total"].Samples.Single().Value);
    }
}
