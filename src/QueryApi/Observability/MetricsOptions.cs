namespace RecoStreams.QueryApi.Observability;

/// <summary>Options of the Prometheus collector.</summary>
public sealed class MetricsOptions
{
    /// <summary>Only meters whose name starts with this prefix are exported.</summary>
    public string MeterNamePrefix { get; set; } = "RecoStreams";

    /// <summary>Cap on distinct label sets per instrument; further series fold into one overflow series.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;

    /// <summary>
    /// Histogram bucket upper bounds by instrument name. They win over the instrument's own advice,
    /// which wins over the defaults in <see cref="HistogramBoundaries"/>.
    /// </summary>
    public Dictionary<string, double[]> HistogramBoundaries { get; } = new(StringComparer.Ordinal);
}
