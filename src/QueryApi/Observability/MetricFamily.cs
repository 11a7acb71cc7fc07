namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// One Prometheus metric family: a name, its help text and type, and every labelled series of it.
/// All samples of a family are written as one contiguous group, as the exposition format requires.
/// </summary>
public sealed record MetricFamily(string Name, string Help, PrometheusMetricType Type, IReadOnlyList<MetricSeries> Series);

/// <summary>One labelled time series of a family; labels are sorted by name.</summary>
public abstract record MetricSeries(IReadOnlyList<KeyValuePair<string, string>> Labels);

/// <summary>A counter or gauge series: a single value.</summary>
public sealed record ScalarSeries(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value) : MetricSeries(Labels);

/// <summary>
/// A histogram series. <paramref name="BucketCounts"/> are per-bucket (not cumulative) counts, one per
/// upper bound plus a final overflow bucket for values above the last bound; the writer accumulates them.
/// </summary>
public sealed record HistogramSeries(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<double> UpperBounds,
    IReadOnlyList<long> BucketCounts,
    double Sum,
    long Count) : MetricSeries(Labels);
