namespace RecoStreams.QueryApi.Observability;

/// <summary>The Prometheus metric types this exporter emits (summaries and untyped are never produced).</summary>
public enum PrometheusMetricType
{
    Counter,
    Gauge,
    Histogram,
}
