using FsCheck;
using FsCheck.Fluent;
using RecoStreams.QueryApi.Observability;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("recostreams.http.server.request.duration", "s", PrometheusMetricType.Histogram, "recostreams_http_server_request_duration_seconds")]
    [InlineData("recostreams.records.processed", "{record}", PrometheusMetricType.Counter, "recostreams_records_processed_total")]
    [InlineData("requests_total", null, PrometheusMetricType.Counter, "requests_total")]
    [InlineData("store.size", "By", PrometheusMetricType.Gauge, "store_size_bytes")]
    [InlineData("cache.hit", "1", PrometheusMetricType.Gauge, "cache_hit_ratio")]
    [InlineData("cache.hits", "1", PrometheusMetricType.Counter, "cache_hits_total")]
    [InlineData("io.rate", "By/s", PrometheusMetricType.Gauge, "io_rate_bytes_per_seconds")]
    [InlineData("wait_seconds", "s", PrometheusMetricType.Gauge, "wait_seconds")]
    [InlineData("2xx-responses", "ms", PrometheusMetricType.Counter, "_2xx_responses_milliseconds_total")]
    [InlineData("ns:metric..x", null, PrometheusMetricType.Gauge, "ns:metric_x")]
    public void Instrument_names_map_to_prometheus_names_with_unit_and_total_suffixes(
        string instrument, string? unit, PrometheusMetricType type, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(instrument, unit, type));

    [Fact]
    public void Writes_help_and_type_once_then_samples_and_ends_with_a_line_feed()
    {
        var text = PrometheusTextWriter.Write(
        [
            new MetricFamily("up", "Line one\nback\\slash \"quoted\"", PrometheusMetricType.Gauge,
                [new ScalarSeries([new("job", "a")], 1), new ScalarSeries([new("job", "b")], 0)]),
        ]);

        Assert.Equal(
            "# HELP up Line one\\nback\\\\slash \"quoted\"\n# TYPE up gauge\nup{job=\"a\"} 1\nup{job=\"b\"} 0\n",
            text);
        Assert.Equal("Line one\nback\\slash \"quoted\"", PrometheusTextParser.Parse(text)["up"].Help);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        var text = PrometheusTextWriter.Write(
            [new MetricFamily("m", "h", PrometheusMetricType.Gauge, [new ScalarSeries([new("path", "C:\\dir\n\"x\"")], 1)])]);

        Assert.Contains("m{path=\"C:\\\\dir\\n\\\"x\\\"\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_label_value_and_help_text_round_trip_through_a_strict_parser()
    {
        var prop = Prop.ForAll(
            ArbMap.Default.ArbFor<NonNull<string>>(),
            ArbMap.Default.ArbFor<NonNull<string>>(),
            (value, help) =>
            {
                var text = PrometheusTextWriter.Write(
                [
                    new MetricFamily("m", help.Get, PrometheusMetricType.Counter, [new ScalarSeries([new("l", value.Get)], 2)]),
                ]);
                var family = PrometheusTextParser.Parse(text)["m"];
                return family.Samples.Single().Label("l") == value.Get && family.Help == help.Get;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void Any_finite_or_special_value_round_trips_exactly()
    {
        var prop = Prop.ForAll(ArbMap.Default.ArbFor<double>(), value =>
        {
            var text = PrometheusTextWriter.Write([new MetricFamily("g", "h", PrometheusMetricType.Gauge, [new ScalarSeries([], value)])]);
            var parsed = PrometheusTextParser.Parse(text)["g"].Samples.Single().Value;
            return parsed.Equals(value);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), prop);
    }

    [Fact]
    public void Histogram_series_are_written_cumulatively_with_inf_sum_and_count()
    {
        var text = PrometheusTextWriter.Write(
        [
            new MetricFamily("d_seconds", "h", PrometheusMetricType.Histogram,
                [new HistogramSeries([new("r", "/x")], [0.5, 1], [1, 0, 2], 7.25, 3)]),
        ]);

        Assert.Equal(
            "# HELP d_seconds h\n# TYPE d_seconds histogram\n"
            + "d_seconds_bucket{r=\"/x\",le=\"0.5\"} 1\nd_seconds_bucket{r=\"/x\",le=\"1\"} 1\n"
            + "d_seconds_bucket{r=\"/x\",le=\"+Inf\"} 3\nd_seconds_sum{r=\"/x\"} 7.25\nd_seconds_count{r=\"/x\"} 3\n",
            text);
    }

    [Fact]
    public void Refuses_duplicate_families_and_invalid_names()
    {
        var family = new MetricFamily("x", "h", PrometheusMetricType.Gauge, []);

        Assert.Throws<ArgumentException>(() => PrometheusTextWriter.Write([family, family]));
        Assert.Throws<ArgumentException>(() => PrometheusTextWriter.Write([family with { Name = "a.b" }]));
        Assert.Throws<ArgumentException>(() => PrometheusTextWriter.Write(
            [new MetricFamily("y", "h", PrometheusMetricType.Gauge, [new ScalarSeries([new("bad-label", "v")], 1)])]));
    }
}
