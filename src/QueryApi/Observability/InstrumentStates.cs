using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Observability;

/// <summary>A running sum: counters (monotonic, negative increments ignored) and up-down counters.</summary>
internal sealed class SumState(Instrument instrument, PrometheusMetricType type, bool monotonic, int maxSeries)
    : InstrumentState<SumState.Cell>(instrument, type, maxSeries)
{
    protected override Cell NewCell() => new();

    // A counter that went down would read as a reset to Prometheus' rate(), so such increments are dropped.
    protected override bool Accepts(double value) => !double.IsNaN(value) && (!monotonic || value >= 0);

    protected override void Record(Cell cell, double value) => cell.Add(value);

    protected override MetricSeries ToSeries(LabelSet labels, Cell cell) => new ScalarSeries(labels.Labels, cell.Value);

    internal sealed class Cell
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Add(double delta)
        {
            var current = Volatile.Read(ref _value);
            while (true)
            {
                var observed = Interlocked.CompareExchange(ref _value, current + delta, current);
                // Compare bit patterns: NaN never equals itself, which would loop forever.
                if (BitConverter.DoubleToInt64Bits(observed) == BitConverter.DoubleToInt64Bits(current))
                {
                    return;
                }

                current = observed;
            }
        }
    }
}

/// <summary>The last reported value: gauges and every observable instrument (which report totals, not deltas).</summary>
internal sealed class LastValueState(Instrument instrument, PrometheusMetricType type, int maxSeries)
    : InstrumentState<LastValueState.Cell>(instrument, type, maxSeries)
{
    protected override Cell NewCell() => new();

    protected override bool Accepts(double value) => true;

    protected override void Record(Cell cell, double value) => cell.Value = value;

    protected override MetricSeries ToSeries(LabelSet labels, Cell cell) => new ScalarSeries(labels.Labels, cell.Value);

    internal sealed class Cell
    {
        private double _value;

        public double Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }
    }
}

/// <summary>Explicit-bucket histogram; bounds are upper-inclusive, as Prometheus' <c>le</c> means.</summary>
internal sealed class HistogramState(Instrument instrument, double[] bounds, int maxSeries)
    : InstrumentState<HistogramState.Cell>(instrument, PrometheusMetricType.Histogram, maxSeries)
{
    public IReadOnlyList<double> Bounds => bounds;

    protected override Cell NewCell() => new(bounds.Length + 1);

    protected override bool Accepts(double value) => !double.IsNaN(value);

    protected override void Record(Cell cell, double value)
    {
        var index = Array.BinarySearch(bounds, value);
        // An exact match belongs to that bucket (le is inclusive); otherwise the first larger bound.
        cell.Record(index >= 0 ? index : ~index, value);
    }

    protected override MetricSeries ToSeries(LabelSet labels, Cell cell)
    {
        var (counts, sum, count) = cell.Read();
        return new HistogramSeries(labels.Labels, bounds, counts, sum, count);
    }

    internal sealed class Cell(int buckets)
    {
        private readonly long[] _counts = new long[buckets];
        private readonly Lock _lock = new();
        private double _sum;
        private long _count;

        public void Record(int bucket, double value)
        {
            // One lock keeps count, sum and buckets mutually consistent within a scrape.
            lock (_lock)
            {
                _counts[bucket]++;
                _sum += value;
                _count++;
            }
        }

        public (long[] Counts, double Sum, long Count) Read()
        {
            lock (_lock)
            {
                return ((long[])_counts.Clone(), _sum, _count);
            }
        }
    }
}
