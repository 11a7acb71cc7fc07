using RecoStreams.Processors.Experiments;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Adds each experiment signal (keyed by experiment id) to its experiment's counts in the tumbling
/// window of the signal's time, one window store entry per experiment and window.
/// </summary>
public sealed class ExperimentCountsProcessor(string storeName, TimeSpan window) : IProcessor<string, ExperimentSignal>
{
    private readonly long _windowMs = Math.Max(1, (long)window.TotalMilliseconds);
    private IWindowStore<string, ExperimentCounts>? _store;

    public void Init(IProcessorContext<string, ExperimentSignal> context) =>
        _store = context.GetStateStore<IWindowStore<string, ExperimentCounts>>(storeName);

    public void Process(Record<string, ExperimentSignal> record)
    {
        if (record.Key is null || record.Value is null)
        {
            return;
        }

        var start = record.Timestamp - (((record.Timestamp % _windowMs) + _windowMs) % _windowMs);
        var counts = _store!.TryFetch(record.Key, start, out var existing) ? existing : new ExperimentCounts();
        counts.Add(record.Value);
        _store.Put(record.Key, counts, start);
    }

    public void Close()
    {
    }

    /// <summary>
    /// The experiment's counts summed over the windows the store still keeps whose start lies in
    /// [<paramref name="fromMs"/>, <paramref name="toMs"/>] (all of them by default).
    /// </summary>
    public static ExperimentCounts Total(IReadOnlyWindowStore<string, ExperimentCounts> store, string experimentId, long fromMs = 0, long? toMs = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var total = new ExperimentCounts();
        using var windows = store.Fetch(experimentId, fromMs, toMs ?? DateTimeOffset.MaxValue.ToUnixTimeMilliseconds());
        while (windows.MoveNext())
        {
            total.Add(windows.Current.Value);
        }

        return total;
    }
}
