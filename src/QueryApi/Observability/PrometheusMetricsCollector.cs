using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Listens to the app's meters through a <see cref="MeterListener"/> and aggregates every measurement in
/// memory, so a scrape only has to snapshot: counters and up-down counters sum, gauges and observable
/// instruments keep the last value, histograms count into explicit buckets.
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    private readonly MetricsOptions _options;
    private readonly object? _scope;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly Lock _collectLock = new();
    private readonly MeterListener _listener;

    /// <param name="options">Collector options.</param>
    /// <param name="meterScope">
    /// When set, meters created through an <see cref="IMeterFactory"/> are only exported if they belong to this
    /// scope (the app's own factory), so two hosts in one process do not export each other's meters.
    /// Meters created with <c>new Meter(...)</c> have no scope and are always candidates.
    /// </param>
    public PrometheusMetricsCollector(IOptions<MetricsOptions> options, IMeterFactory? meterScope = null)
    {
        _options = options.Value;
        _scope = meterScope;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _states.TryRemove(instrument, out InstrumentState? _),
        };
        _listener.SetMeasurementEventCallback<byte>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<short>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<int>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<long>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<float>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<double>((_, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, v, tags, state) => Record(state, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments, then snapshots every family, sorted by name.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collectLock)
        {
            foreach (var state in _states.Values.Where(s => s.ResetBeforeCollect))
            {
                state.Reset();
            }

            _listener.RecordObservableInstruments();

            var families = new List<MetricFamily>();
            foreach (var group in _states.Values.GroupBy(s => s.FamilyName, StringComparer.Ordinal))
            {
                // Deterministic pick when instruments of different meters collide on one name.
                var members = group.OrderBy(s => s.Instrument.Meter.Name, StringComparer.Ordinal).ToList();
                var first = members[0];
                var series = new Dictionary<string, MetricSeries>(StringComparer.Ordinal);
                // A family must have one type; colliding instruments of another type are left out.
                foreach (var member in members.Where(m => m.Type == first.Type))
                {
                    foreach (var s in member.Snapshot())
                    {
                        series.TryAdd(SeriesKey(s), s);
                    }
                }

                var ordered = series.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
                families.Add(new MetricFamily(first.FamilyName, first.Help, first.Type, ordered));
            }

            families.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return families;
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((InstrumentState)state!).Record(value, tags);

    private static string SeriesKey(MetricSeries series) =>
        string.Join('\u0001', series.Labels.Select(l => l.Key + "\u0002" + l.Value));

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!meter.Name.StartsWith(_options.MeterNamePrefix, StringComparison.Ordinal)
            || (_scope is not null && meter.Scope is not null && !ReferenceEquals(meter.Scope, _scope)))
        {
            return;
        }

        var state = CreateState(instrument);
        if (state is not null && _states.TryAdd(instrument, state))
        {
            listener.EnableMeasurementEvents(instrument, state);
        }
    }

    private InstrumentState? CreateState(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var max = _options.MaxSeriesPerInstrument;
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return new SumState(instrument, PrometheusMetricType.Counter, monotonic: true, max);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new SumState(instrument, PrometheusMetricType.Gauge, monotonic: false, max);
        }

        if (definition == typeof(Histogram<>))
        {
            return new HistogramState(instrument, HistogramBoundaries.For(instrument, _options), max);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueState(instrument, PrometheusMetricType.Counter, max);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
        {
            return new LastValueState(instrument, PrometheusMetricType.Gauge, max);
        }

        return null;
    }
}
