using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Hosting;

namespace RecoStreams.Bench;

/// <summary>
/// `scrape`: the cost of one GET /metrics over loopback HTTP with a realistic instrument set (per-topic and
/// per-processor counters, per-partition lag gauges, per-route latency histograms), wired as the query API
/// wires it (OpenTelemetry's exporter), against a GET of a constant endpoint on the same host (the HTTP floor).
/// Up to commit 2d4127f it also ran the project's former own text writer side by side (docs/benchmarks.md).
/// </summary>
internal sealed class ScrapeBenchmark : IBenchmarkCommand
{
    public string Name => "scrape";

    public async Task<int> RunAsync(string[] args)
    {
        var scrapes = int.Parse(RocksDbBenchSupport.OptionValue(args, "--scrapes", "2000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(RocksDbBenchSupport.OptionValue(args, "--rounds", "5"), CultureInfo.InvariantCulture);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        var hosts = new List<(string Name, WebApplication App, HttpClient Client)>();
        foreach (var (name, configure, map) in Expositions())
        {
            var app = await StartAsync(configure, map);
            hosts.Add((name, app, new HttpClient { BaseAddress = new Uri(app.Urls.Single() + "/") }));
        }

        try
        {
            var results = hosts.ToDictionary(h => h.Name, _ => new List<double>());
            var bytes = new Dictionary<string, long>();
            var floor = new List<double>();
            foreach (var host in hosts)
            {
                bytes[host.Name] = (await host.Client.GetByteArrayAsync(new Uri("metrics", UriKind.Relative))).Length;
                await MeasureAsync(host.Client, "metrics", 200, []);
                await MeasureAsync(host.Client, "ping", 200, []);
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var host in hosts)
                {
                    await MeasureAsync(host.Client, "metrics", scrapes, results[host.Name]);
                    await MeasureAsync(host.Client, "ping", scrapes / hosts.Count, floor);
                }
            }

            floor.Sort();
            var floorMedian = Percentiles.NearestRank(floor, 0.5);
            Console.WriteLine($"floor (GET /ping): p50 {floorMedian:F0} µs, p99 {Percentiles.NearestRank(floor, 0.99):F0} µs");
            var report = new List<object>();
            foreach (var (name, samples) in results)
            {
                samples.Sort();
                var p50 = Percentiles.NearestRank(samples, 0.5);
                var p99 = Percentiles.NearestRank(samples, 0.99);
                Console.WriteLine($"{name}: {bytes[name]} bytes, p50 {p50:F0} µs ({p50 / floorMedian:F2}x the floor), p99 {p99:F0} µs, {samples.Count} scrapes");
                report.Add(new { exposition = name, bytes = bytes[name], p50_us = p50, p99_us = p99, p50_vs_floor = p50 / floorMedian });
            }

            if (json is not null)
            {
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { benchmark = Name, scrapes, rounds, floor_p50_us = floorMedian, results = report }));
            }

            return 0;
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Client.Dispose();
                await host.App.DisposeAsync();
            }
        }
    }

    private static IEnumerable<(string Name, Action<IServiceCollection> Configure, Action<WebApplication> Map)> Expositions()
    {
        yield return ("opentelemetry-exporter", services => services.AddRecoStreamsMetrics(), app => app.MapRecoStreamsMetrics());
    }

    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        configure(builder.Services);
        var app = builder.Build();
        map(app);
        app.MapGet("/ping", () => "pong");
        await app.StartAsync();
        Populate(app.Services.GetRequiredService<IMeterFactory>());
        return app;
    }

    /// <summary>About what one instance with 6 partitions, 10 processors and 12 routes exports.</summary>
    private static void Populate(IMeterFactory factory)
    {
        var meter = factory.Create("RecoStreams.Bench");
        var processed = meter.CreateCounter<long>("recostreams.bench.processor.records", "{record}");
        var latency = meter.CreateHistogram<double>(
            "recostreams.bench.request.duration", "s", null, null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        var lag = Enumerable.Range(0, 6).Select(p => new Measurement<long>(p * 10, new KeyValuePair<string, object?>("topic", "engagement-events"), new KeyValuePair<string, object?>("partition", p))).ToList();
        meter.CreateObservableGauge("recostreams.bench.records.lag", () => lag, "{record}");
        for (var node = 0; node < 10; node++)
        {
            processed.Add(1000 + node, new KeyValuePair<string, object?>("processor", "node-" + node));
        }

        for (var route = 0; route < 12; route++)
        {
            foreach (var status in new[] { 200, 404, 503 })
            {
                for (var i = 0; i < 20; i++)
                {
                    latency.Record(0.0005 * i, new KeyValuePair<string, object?>("http.route", "/route/" + route), new KeyValuePair<string, object?>("http.response.status_code", status));
                }
            }
        }
    }

    private static async Task MeasureAsync(HttpClient client, string path, int count, List<double> microseconds)
    {
        var uri = new Uri(path, UriKind.Relative);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(uri, CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            microseconds.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
