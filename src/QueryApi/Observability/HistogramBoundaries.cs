using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Observability;

/// <summary>Picks the explicit bucket bounds of a histogram instrument.</summary>
public static class HistogramBoundaries
{
    /// <summary>Prometheus client libraries' defaults: 5 ms to 10 s, suited to request and commit latencies.</summary>
    public static readonly IReadOnlyList<double> Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>OpenTelemetry's defaults, used for any unit other than seconds.</summary>
    public static readonly IReadOnlyList<double> Default = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>Configured bounds, else the instrument's advice, else a default by unit.</summary>
    public static double[] For(Instrument instrument, MetricsOptions options)
    {
        if (options.HistogramBoundaries.TryGetValue(instrument.Name, out var configured))
        {
            return IsValid(configured)
                ? configured.ToArray()
                : throw new InvalidOperationException(
                    $"Histogram bounds for '{instrument.Name}' must be finite and strictly increasing.");
        }

        var advice = Advice(instrument);
        if (advice is not null && IsValid(advice))
        {
            return advice;
        }

        return (instrument.Unit == "s" ? Seconds : Default).ToArray();
    }

    private static double[]? Advice(Instrument instrument) => instrument switch
    {
        Instrument<double> d => d.Advice?.HistogramBucketBoundaries?.ToArray(),
        Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<short> s => s.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<byte> b => b.Advice?.HistogramBucketBoundaries?.Select(v => (double)v).ToArray(),
        Instrument<decimal> m => m.Advice?.HistogramBucketBoundaries?.Select(v => (double)v).ToArray(),
        _ => null,
    };

    private static bool IsValid(IReadOnlyList<double> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
