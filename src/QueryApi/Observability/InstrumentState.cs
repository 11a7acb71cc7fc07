using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// What the collector keeps for one instrument: its Prometheus identity and one cell per label set.
/// Recording may happen on many threads at once; collection reads a consistent-enough snapshot per cell.
/// </summary>
internal abstract class InstrumentState
{
    private static readonly ConcurrentDictionary<string, string> LabelNames = new(StringComparer.Ordinal);

    protected InstrumentState(Instrument instrument, PrometheusMetricType type)
    {
        Instrument = instrument;
        Type = type;
        FamilyName = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, type);
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
    }

    public Instrument Instrument { get; }

    public PrometheusMetricType Type { get; }

    public string FamilyName { get; }

    public string Help { get; }

    /// <summary>Observable instruments report current values on each collection, so stale series are dropped first.</summary>
    public bool ResetBeforeCollect => Instrument.IsObservable;

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Reset();

    public abstract IEnumerable<MetricSeries> Snapshot();

    protected LabelSet Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        LabelSet.From(tags, static key => LabelNames.GetOrAdd(key, PrometheusNaming.LabelName), Type == PrometheusMetricType.Histogram);
}

/// <summary>Typed cell storage with a cap on distinct series, so an unbounded tag cannot exhaust memory.</summary>
internal abstract class InstrumentState<TCell> : InstrumentState
    where TCell : class
{
    private readonly ConcurrentDictionary<LabelSet, TCell> _cells = new();
    private readonly int _maxSeries;

    protected InstrumentState(Instrument instrument, PrometheusMetricType type, int maxSeries)
        : base(instrument, type) => _maxSeries = maxSeries;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Accepts(value))
        {
            Record(Cell(Labels(tags)), value);
        }
    }

    public override void Reset() => _cells.Clear();

    public override IEnumerable<MetricSeries> Snapshot() =>
        _cells.Select(pair => ToSeries(pair.Key, pair.Value)).ToList();

    protected abstract TCell NewCell();

    protected abstract bool Accepts(double value);

    protected abstract void Record(TCell cell, double value);

    protected abstract MetricSeries ToSeries(LabelSet labels, TCell cell);

    private TCell Cell(LabelSet labels)
    {
        if (_cells.TryGetValue(labels, out var cell))
        {
            return cell;
        }

        // The count is approximate under races; the cap only needs to bound memory, not be exact.
        return _cells.GetOrAdd(_cells.Count >= _maxSeries ? LabelSet.Overflow : labels, _ => NewCell());
    }
}
