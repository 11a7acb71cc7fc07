using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Observability;

/// <summary>A consumer's lag on one partition: how many records it is behind the log end.</summary>
public readonly record struct ConsumerLagSample(string Topic, int Partition, long Lag);

/// <summary>A state store's approximate size on this instance.</summary>
public readonly record struct StoreSizeSample(string Store, long Entries, long Bytes);

/// <summary>
/// The app's "RecoStreams" meter and its instruments. Other components record through these methods so
/// instrument names, units and tag keys stay in one place.
/// </summary>
/// <remarks>
/// Cache effectiveness is exported as lookup counters by result rather than as a lifetime hit-ratio gauge:
/// <c>rate(hits) / rate(lookups)</c> in PromQL shows the recent ratio, which a lifetime ratio hides.
/// </remarks>
public sealed class RecoStreamsMetrics
{
    public const string MeterName = "RecoStreams";

    private readonly Histogram<double> _httpDuration;
    private readonly Counter<long> _recordsProcessed;
    private readonly Counter<long> _dlqRecords;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _punctuationDuration;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _freshness;
    private readonly SampleSources<ConsumerLagSample> _lagSources = new();
    private readonly SampleSources<StoreSizeSample> _storeSources = new();

    public RecoStreamsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _httpDuration = meter.CreateHistogram<double>(
            "recostreams.http.server.request.duration", "s", "Duration of HTTP requests served by the query API.");
        _recordsProcessed = meter.CreateCounter<long>(
            "recostreams.records.processed", "{record}", "Records processed by stream tasks.");
        _dlqRecords = meter.CreateCounter<long>(
            "recostreams.dlq.records", "{record}", "Records sent to the dead-letter topic.");
        _commitDuration = meter.CreateHistogram<double>(
            "recostreams.commit.duration", "s", "Time to flush stores and commit offsets.");
        _punctuationDuration = meter.CreateHistogram<double>(
            "recostreams.punctuation.duration", "s", "Duration of punctuator runs.");
        _cacheLookups = meter.CreateCounter<long>(
            "recostreams.cache.lookups", "{lookup}", "Store cache lookups by result (hit or miss).");
        _freshness = meter.CreateHistogram<double>(
            "recostreams.recommendation.freshness", "s",
            "Time from the triggering event's timestamp to the recommendation update being emitted.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });
        meter.CreateObservableGauge(
            "recostreams.consumer.lag", () => _lagSources.Observe(s => new Measurement<long>(
                s.Lag, new KeyValuePair<string, object?>("topic", s.Topic), new KeyValuePair<string, object?>("partition", s.Partition))),
            "{record}", "Records between the committed position and the log end, per assigned partition.");
        meter.CreateObservableGauge(
            "recostreams.store.entries", () => _storeSources.Observe(s => new Measurement<long>(
                s.Entries, new KeyValuePair<string, object?>("store", s.Store))),
            "{entry}", "Approximate number of entries per local state store.");
        meter.CreateObservableGauge(
            "recostreams.store.size", () => _storeSources.Observe(s => new Measurement<long>(
                s.Bytes, new KeyValuePair<string, object?>("store", s.Store))),
            "By", "Approximate size on disk or in memory per local state store.");
    }

    public void RecordHttpRequest(string route, string method, int statusCode, TimeSpan duration) =>
        _httpDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("http.route", route),
            new KeyValuePair<string, object?>("http.request.method", method),
            new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void RecordsProcessed(string taskId, long count) =>
        _recordsProcessed.Add(count, new KeyValuePair<string, object?>("task", taskId));

    public void DeadLettered(string stage, string reason) =>
        _dlqRecords.Add(1, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("reason", reason));

    public void RecordCommit(TimeSpan duration) => _commitDuration.Record(duration.TotalSeconds);

    public void RecordPunctuation(string punctuator, TimeSpan duration) =>
        _punctuationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("punctuator", punctuator));

    public void RecordCacheLookup(string store, bool hit) =>
        _cacheLookups.Add(
            1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void RecordFreshness(TimeSpan eventToEmit) => _freshness.Record(Math.Max(0, eventToEmit.TotalSeconds));

    /// <summary>Registers a source of consumer lag, read at each scrape; dispose the result to unregister.</summary>
    public IDisposable ObserveConsumerLag(Func<IEnumerable<ConsumerLagSample>> source) => _lagSources.Add(source);

    /// <summary>Registers a source of store sizes, read at each scrape; dispose the result to unregister.</summary>
    public IDisposable ObserveStoreSizes(Func<IEnumerable<StoreSizeSample>> source) => _storeSources.Add(source);

    /// <summary>Sources registered by the runtime; pulled lazily so revoked partitions or closed stores disappear.</summary>
    private sealed class SampleSources<T>
    {
        private readonly Lock _lock = new();
        private readonly List<Func<IEnumerable<T>>> _sources = [];

        public IDisposable Add(Func<IEnumerable<T>> source)
        {
            ArgumentNullException.ThrowIfNull(source);
            lock (_lock)
            {
                _sources.Add(source);
            }

            return new Registration(() =>
            {
                lock (_lock)
                {
                    _sources.Remove(source);
                }
            });
        }

        public IEnumerable<Measurement<long>> Observe(Func<T, Measurement<long>> toMeasurement)
        {
            Func<IEnumerable<T>>[] sources;
            lock (_lock)
            {
                sources = [.. _sources];
            }

            return sources.SelectMany(source => source()).Select(toMeasurement).ToList();
        }
    }

    private sealed class Registration(Action onDispose) : IDisposable
    {
        private Action? _onDispose = onDispose;

        public void Dispose() => Interlocked.Exchange(ref _onDispose, null)?.Invoke();
    }
}
