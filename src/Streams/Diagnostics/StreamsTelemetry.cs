using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Runtime.Nodes;

namespace RecoStreams.Streams.Diagnostics;

/// <summary>
/// Metrics, spans and dead-letter notifications of one streams instance (Kafka Streams' StreamsMetrics):
/// a meter per instance, created through the host's <see cref="IMeterFactory"/> when given so that two
/// instances in one process export only their own numbers. Labels are topics, partitions, processor and
/// store names, never task ids, so series sum across instances.
/// </summary>
/// <remarks>
/// Per-record counts (records processed, per processor node) go into shared <see cref="StrongBox{T}"/>
/// cells with one interlocked add and are read by observable counters at scrape time: a tagged
/// <see cref="Counter{T}"/>.Add per record and node costs a listener callback and a label lookup each.
/// </remarks>
public sealed class StreamsTelemetry : IDisposable
{
    public const string MeterName = "RecoStreams.Streams";
    public const string ActivitySourceName = "RecoStreams.Streams";

    private const int MaxReasonCodeLength = 64;

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _restored;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _punctuationDuration;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _processedByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _processedByNode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Store, string Topic, int Partition), long> _restoreRemaining = new();

    public StreamsTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _consumed = _meter.CreateCounter<long>(
            "recostreams.streams.records.consumed", "{record}", "Records polled from input topics, per topic.");
        _deadLettered = _meter.CreateCounter<long>(
            "recostreams.streams.dlq.records", "{record}", "Input records sent to the dead-letter topic, per stage and reason code.");
        _restored = _meter.CreateCounter<long>(
            "recostreams.streams.restore.records", "{record}", "Changelog records replayed into local stores, per store.");
        _commitDuration = _meter.CreateHistogram<double>(
            "recostreams.streams.commit.duration", "s", "Periodic commits of a stream thread: flush stores, then commit offsets.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _punctuationDuration = _meter.CreateHistogram<double>(
            "recostreams.streams.punctuation.duration", "s", "Punctuator runs, per processor and punctuation type.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _meter.CreateObservableCounter(
            "recostreams.streams.records.processed", () => Observe(_processedByTopic, "topic"), "{record}", "Records processed by stream tasks, per input topic.");
        _meter.CreateObservableCounter(
            "recostreams.streams.processor.records", () => Observe(_processedByNode, "processor"), "{record}", "Records received by each processor node.");
        _meter.CreateObservableGauge(
            "recostreams.streams.records.lag", ObserveLag, "{record}", "Records between the consumer's position and the log end, per assigned partition.");
        _meter.CreateObservableCounter(
            "recostreams.streams.thread.time", ObserveThreadTimes, "s",
            "Wall time of each stream thread's loop per phase (poll, which includes waiting for records; process; punctuate; commit; other).");
        _meter.CreateObservableGauge(
            "recostreams.streams.restore.remaining", ObserveRestoreRemaining, "{record}", "Changelog records still to restore, per store.");
        _meter.CreateObservableGauge(
            "recostreams.streams.store.entries", () => ObserveStores(s => s.Entries), "{entry}", "Approximate entries of the local partitions of each store.");
        _meter.CreateObservableGauge(
            "recostreams.streams.store.size", () => ObserveStores(s => s.Bytes), "By", "Approximate bytes of the local partitions of each store.");
        _meter.CreateObservableCounter(
            "recostreams.streams.cache.lookups", ObserveCache, "{lookup}", "Record-cache lookups by result (hit or miss); hit ratio = rate(hit) / rate(all).");
        _meter.CreateObservableGauge(
            "recostreams.streams.state", ObserveState, "{state}", "1 for the instance's current state (Created, Rebalancing, Running, ...), 0 for the others.");
    }

    /// <summary>Raised on the stream thread for every record sent to the dead-letter topic.</summary>
    public event Action<DeadLetteredRecord>? RecordDeadLettered;

    /// <summary>Current partition lags; set by the Kafka transport.</summary>
    internal Func<IEnumerable<PartitionLag>> LagSource { get; init; } = () => [];

    /// <summary>Cumulative wall time of each stream thread's loop phases; set by the Kafka transport.</summary>
    internal Func<IEnumerable<ThreadTime>> ThreadTimeSource { get; init; } = () => [];

    /// <summary>Sizes of the local store partitions; set by the Kafka transport.</summary>
    internal Func<IEnumerable<StoreSize>> StoreSource { get; init; } = () => [];

    /// <summary>Record-cache hits and misses summed over the stream threads; set by the Kafka transport.</summary>
    internal Func<(long Hits, long Misses)> CacheSource { get; init; } = () => (0, 0);

    /// <summary>The instance's current state and every state it can be in; set by the Kafka transport.</summary>
    internal Func<(string Current, IReadOnlyList<string> All)> StateSource { get; init; } = () => ("Created", ["Created"]);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>A span around processing one polled batch of records.</summary>
    public static Activity? StartProcessBatch(string threadName, int records)
    {
        var activity = Source.StartActivity("process batch", ActivityKind.Consumer);
        activity?.SetTag("recostreams.thread", threadName);
        activity?.SetTag("messaging.batch.message_count", records);
        return activity;
    }

    public void RecordsConsumed(string topic, long count) =>
        _consumed.Add(count, new KeyValuePair<string, object?>("topic", topic));

    public void RecordCommit(TimeSpan duration) => _commitDuration.Record(duration.TotalSeconds);

    public void OnRestoreStart(string topic, int partition, string store, long startingOffset, long endingOffset)
    {
        _restored.Add(0, new KeyValuePair<string, object?>("store", store));
        _restoreRemaining[(store, topic, partition)] = Math.Max(0, endingOffset - startingOffset);
    }

    public void OnBatchRestored(string topic, int partition, string store, long batchEndOffset, int batchSize)
    {
        _restored.Add(batchSize, new KeyValuePair<string, object?>("store", store));
        _restoreRemaining.AddOrUpdate((store, topic, partition), 0, (_, remaining) => Math.Max(0, remaining - batchSize));
    }

    public void OnRestoreEnd(string topic, int partition, string store) => _restoreRemaining[(store, topic, partition)] = 0;

    internal void RecordProcessed(string topic) =>
        Interlocked.Increment(ref _processedByTopic.GetOrAdd(topic, static _ => new StrongBox<long>()).Value);

    internal void RecordReceivedBy(ProcessorNode node)
    {
        var count = node.ReceivedCount ??= _processedByNode.GetOrAdd(node.Name, static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
    }

    /// <summary>Runs a punctuator inside a span and times it.</summary>
    internal void Punctuate(string processor, string type, Action run)
    {
        using var activity = Source.StartActivity("punctuate " + processor, ActivityKind.Internal);
        activity?.SetTag("recostreams.processor", processor);
        activity?.SetTag("recostreams.punctuation.type", type);
        var start = Stopwatch.GetTimestamp();
        try
        {
            run();
        }
        catch (Exception e)
        {
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            _punctuationDuration.Record(
                Stopwatch.GetElapsedTime(start).TotalSeconds,
                new KeyValuePair<string, object?>("processor", processor),
                new KeyValuePair<string, object?>("type", type));
        }
    }

    internal void DeadLettered(ConsumedRecord raw, ErrorStage stage, string reason, string? exceptionType, string? processor)
    {
        var code = ReasonCode(reason, exceptionType);
        var stageName = DeadLetterHeaders.StageName(stage);
        _deadLettered.Add(1, new KeyValuePair<string, object?>("stage", stageName), new KeyValuePair<string, object?>("reason", code));
        RecordDeadLettered?.Invoke(new DeadLetteredRecord(raw.Topic, raw.Partition, raw.Offset, stage, reason, code, processor, raw.Key));
    }

    /// <summary>
    /// A metric label must stay bounded: an exception's type name, or the part of a processor's reason before
    /// the first ':' ("RatingOutOfRange: rating 7 ..." labels as RatingOutOfRange).
    /// </summary>
    internal static string ReasonCode(string reason, string? exceptionType)
    {
        var code = exceptionType is not null
            ? exceptionType[(exceptionType.LastIndexOf('.') + 1)..]
            : reason.Split(':', 2)[0].Trim();
        return code.Length > MaxReasonCodeLength ? code[..MaxReasonCodeLength] : code;
    }

    private static List<Measurement<long>> Observe(ConcurrentDictionary<string, StrongBox<long>> counts, string tag) =>
        counts.Select(e => new Measurement<long>(Interlocked.Read(ref e.Value.Value), new KeyValuePair<string, object?>(tag, e.Key))).ToList();

    private List<Measurement<long>> ObserveLag() =>
        LagSource().Select(l => new Measurement<long>(
            l.Lag, new KeyValuePair<string, object?>("topic", l.Topic), new KeyValuePair<string, object?>("partition", l.Partition))).ToList();

    private List<Measurement<double>> ObserveThreadTimes() =>
        ThreadTimeSource().Select(t => new Measurement<double>(
            t.Seconds, new KeyValuePair<string, object?>("thread", t.Thread), new KeyValuePair<string, object?>("phase", t.Phase))).ToList();

    private List<Measurement<long>> ObserveRestoreRemaining() =>
        _restoreRemaining.GroupBy(e => e.Key.Store, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(e => e.Value), new KeyValuePair<string, object?>("store", g.Key)))
            .ToList();

    private List<Measurement<long>> ObserveStores(Func<StoreSize, long> value) =>
        StoreSource().GroupBy(s => s.Store, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(value), new KeyValuePair<string, object?>("store", g.Key)))
            .ToList();

    private Measurement<long>[] ObserveCache()
    {
        var (hits, misses) = CacheSource();
        return
        [
            new Measurement<long>(hits, new KeyValuePair<string, object?>("result", "hit")),
            new Measurement<long>(misses, new KeyValuePair<string, object?>("result", "miss")),
        ];
    }

    private List<Measurement<int>> ObserveState()
    {
        var (current, all) = StateSource();
        return all.Select(s => new Measurement<int>(s == current ? 1 : 0, new KeyValuePair<string, object?>("state", s))).ToList();
    }
}
