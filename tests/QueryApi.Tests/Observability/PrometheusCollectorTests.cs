using System.Diagnostics.Metrics;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class PrometheusCollectorTests
{
    [Fact]
    public void Counter_is_exposed_once_with_help_type_total_suffix_and_tags_as_labels()
    {
        using var fixture = new CollectorFixture();
        var counter = fixture.Meter.CreateCounter<long>("recostreams.records.processed", "{record}", "Records processed.");
        counter.Add(3, new KeyValuePair<string, object?>("task", "0_1"));
        counter.Add(4, new KeyValuePair<string, object?>("task", "0_1"));
        counter.Add(5, new KeyValuePair<string, object?>("task", "1_0"));

        var text = fixture.ScrapeText();
        var family = PrometheusTextParser.Parse(text)["recostreams_records_processed_total"];

        Assert.Equal("counter", family.Type);
        Assert.Equal("Records processed.", family.Help);
        Assert.Equal(7, family.Samples.Single(s => s.Label("task") == "0_1").Value);
        Assert.Equal(5, family.Samples.Single(s => s.Label("task") == "1_0").Value);
        Assert.Single(text.Split('\n'), l => l.StartsWith("# TYPE ", StringComparison.Ordinal));
        Assert.Single(text.Split('\n'), l => l.StartsWith("# HELP ", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_counter_increments_are_ignored_so_the_counter_never_goes_down()
    {
        using var fixture = new CollectorFixture();
        var counter = fixture.Meter.CreateCounter<double>("c");
        counter.Add(2);
        counter.Add(-1);

        Assert.Equal(2, fixture.Scrape()["c_total"].Samples.Single().Value);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_upper_inclusive_and_inf_bucket_equals_count()
    {
        using var fixture = new CollectorFixture(o => o.HistogramBoundaries["latency"] = [0.1, 1, 10]);
        var histogram = fixture.Meter.CreateHistogram<double>("latency", "s");
        foreach (var value in new[] { 0.05, 0.1, 0.5, 1, 5, 50, 60 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("route", "/a"));
        }

        var family = fixture.Scrape()["latency_seconds"];

        Assert.Equal("histogram", family.Type);
        var buckets = family.Samples.Where(s => s.Name == "latency_seconds_bucket").ToDictionary(s => s.Label("le")!, s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["0.1"] = 2, ["1"] = 4, ["10"] = 5, ["+Inf"] = 7 }, buckets);
        Assert.Equal(116.65, family.Samples.Single(s => s.Name == "latency_seconds_sum").Value, 9);
        Assert.Equal(7, family.Samples.Single(s => s.Name == "latency_seconds_count").Value);
        Assert.All(family.Samples, s => Assert.Equal("/a", s.Label("route")));
    }

    [Fact]
    public void Histogram_in_seconds_without_configuration_uses_the_seconds_default_buckets()
    {
        using var fixture = new CollectorFixture();
        fixture.Meter.CreateHistogram<double>("commit.duration", "s").Record(0.003);

        var bounds = fixture.Scrape()["commit_duration_seconds"].Samples
            .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => s.Label("le")).ToList();

        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], bounds);
    }

    [Fact]
    public void Histogram_honours_the_instruments_bucket_advice_unless_configured_otherwise()
    {
        using var fixture = new CollectorFixture(o => o.HistogramBoundaries["configured"] = [7]);
        var advice = new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 3] };
        fixture.Meter.CreateHistogram("advised", unit: null, description: null, tags: null, advice).Record(2);
        fixture.Meter.CreateHistogram("configured", unit: null, description: null, tags: null, advice).Record(2);

        var families = fixture.Scrape();

        Assert.Equal(4, families["advised"].Samples.Count(s => s.Name == "advised_bucket"));
        Assert.Equal(2, families["configured"].Samples.Count(s => s.Name == "configured_bucket"));
    }

    [Fact]
    public void Observable_gauge_exposes_special_floats_as_prometheus_spells_them()
    {
        using var fixture = new CollectorFixture();
        fixture.Meter.CreateObservableGauge("special", () => new[]
        {
            new Measurement<double>(double.PositiveInfinity, new KeyValuePair<string, object?>("v", "pinf")),
            new Measurement<double>(double.NegativeInfinity, new KeyValuePair<string, object?>("v", "ninf")),
            new Measurement<double>(double.NaN, new KeyValuePair<string, object?>("v", "nan")),
            new Measurement<double>(1.5e-7, new KeyValuePair<string, object?>("v", "small")),
        });

        var text = fixture.ScrapeText();
        var samples = PrometheusTextParser.Parse(text)["special"].Samples;

        Assert.Contains("special{v=\"pinf\"} +Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("special{v=\"ninf\"} -Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("special{v=\"nan\"} NaN\n", text, StringComparison.Ordinal);
        Assert.Equal(1.5e-7, samples.Single(s => s.Label("v") == "small").Value);
    }

    [Fact]
    public void Observable_instruments_report_current_values_and_drop_series_no_longer_observed()
    {
        using var fixture = new CollectorFixture();
        var partitions = new List<int> { 0, 1 };
        long total = 10;
        fixture.Meter.CreateObservableCounter("polls", () => total);
        fixture.Meter.CreateObservableUpDownCounter("lag", () => partitions.Select(
            p => new Measurement<long>(p * 100, new KeyValuePair<string, object?>("partition", p))));

        var first = fixture.Scrape();
        partitions.Remove(1);
        total = 25;
        var second = fixture.Scrape();

        Assert.Equal("counter", first["polls_total"].Type);
        Assert.Equal(25, second["polls_total"].Samples.Single().Value);
        Assert.Equal("gauge", second["lag"].Type);
        Assert.Equal(2, first["lag"].Samples.Count);
        Assert.Equal("0", Assert.Single(second["lag"].Samples).Label("partition"));
    }

    [Fact]
    public void Up_down_counter_and_gauge_are_exposed_as_gauges_that_can_go_negative()
    {
        using var fixture = new CollectorFixture();
        var inFlight = fixture.Meter.CreateUpDownCounter<int>("in.flight");
        var temperature = fixture.Meter.CreateGauge<double>("temperature");
        inFlight.Add(2);
        inFlight.Add(-5);
        temperature.Record(3);
        temperature.Record(-1.25);

        var families = fixture.Scrape();

        Assert.Equal(("gauge", -3d), (families["in_flight"].Type, families["in_flight"].Samples.Single().Value));
        Assert.Equal(("gauge", -1.25), (families["temperature"].Type, families["temperature"].Samples.Single().Value));
    }

    [Fact]
    public void Series_beyond_the_per_instrument_limit_fold_into_one_overflow_series()
    {
        using var fixture = new CollectorFixture(o => o.MaxSeriesPerInstrument = 3);
        var counter = fixture.Meter.CreateCounter<long>("requests");
        for (var user = 0; user < 10; user++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", user));
        }

        var samples = fixture.Scrape()["requests_total"].Samples;

        Assert.Equal(4, samples.Count);
        Assert.Equal(7, samples.Single(s => s.Label("otel_metric_overflow") == "true").Value);
    }

    [Fact]
    public void Meters_outside_the_prefix_are_not_exported_and_disposed_meters_disappear()
    {
        using var fixture = new CollectorFixture();
        using var foreign = new Meter("Other." + Guid.NewGuid().ToString("N"));
        foreign.CreateCounter<long>("foreign").Add(1);
        var ownPrefix = fixture.Meter.Name;
        var shortLived = new Meter(ownPrefix + ".short");
        shortLived.CreateCounter<long>("short.lived").Add(1);

        Assert.Contains("short_lived_total", fixture.Scrape().Keys);
        shortLived.Dispose();
        var families = fixture.Scrape();

        Assert.DoesNotContain("foreign_total", families.Keys);
        Assert.DoesNotContain("short_lived_total", families.Keys);
    }

    [Fact]
    public void Tag_keys_are_sanitised_into_label_names_and_colliding_keys_are_merged()
    {
        using var fixture = new CollectorFixture();
        fixture.Meter.CreateCounter<long>("hits").Add(
            1,
            new KeyValuePair<string, object?>("http.route", "/x"),
            new KeyValuePair<string, object?>("a-b", "1"),
            new KeyValuePair<string, object?>("a.b", "2"),
            new KeyValuePair<string, object?>("9lives", true),
            new KeyValuePair<string, object?>("__internal", null));

        var sample = fixture.Scrape()["hits_total"].Samples.Single();

        Assert.Equal("/x", sample.Label("http_route"));
        Assert.Equal("1;2", sample.Label("a_b"));
        Assert.Equal("true", sample.Label("_9lives"));
        Assert.Equal(string.Empty, sample.Label("_internal"));
    }

    [Fact]
    public void Concurrent_recording_loses_no_increments()
    {
        using var fixture = new CollectorFixture();
        var counter = fixture.Meter.CreateCounter<double>("concurrent");
        var histogram = fixture.Meter.CreateHistogram<double>("concurrent.latency", "s");

        Parallel.For(0, 20_000, i =>
        {
            counter.Add(0.5);
            histogram.Record(i % 3 * 0.01);
        });
        var families = fixture.Scrape();

        Assert.Equal(10_000, families["concurrent_total"].Samples.Single().Value);
        Assert.Equal(20_000, families["concurrent_latency_seconds"].Samples.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
    }
}
