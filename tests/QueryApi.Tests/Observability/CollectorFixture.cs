using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Observability;

namespace RecoStreams.QueryApi.Tests.Observability;

/// <summary>
/// A collector over a meter with a name unique to one test, so tests running in parallel (each with its own
/// listener) never see each other's instruments.
/// </summary>
internal sealed class CollectorFixture : IDisposable
{
    public CollectorFixture(Action<MetricsOptions>? configure = null)
    {
        var prefix = "RecoStreams.Test." + Guid.NewGuid().ToString("N");
        var options = new MetricsOptions { MeterNamePrefix = prefix };
        configure?.Invoke(options);
        Meter = new Meter(prefix);
        Collector = new PrometheusMetricsCollector(Options.Create(options));
    }

    public Meter Meter { get; }

    public PrometheusMetricsCollector Collector { get; }

    /// <summary>Scrapes, checks the text strictly against the format, and returns the parsed families.</summary>
    public IReadOnlyDictionary<string, ParsedFamily> Scrape() => PrometheusTextParser.Parse(ScrapeText());

    public string ScrapeText() => PrometheusTextWriter.Write(Collector.Collect());

    public void Dispose()
    {
        Meter.Dispose();
        Collector.Dispose();
    }
}
