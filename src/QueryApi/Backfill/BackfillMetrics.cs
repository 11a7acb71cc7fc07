using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Backfill;

/// <summary>
/// Backfill progress on /metrics: refreshes requested (a counter) and the users done and total of the
/// current or last run (gauges), so a dashboard can show a running backfill and alert on a stuck one.
/// </summary>
public sealed class BackfillMetrics : IDisposable
{
    public const string MeterName = "RecoStreams.Backfill";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requested;
    private long _done;
    private long _total;

    public BackfillMetrics()
    {
        _requested = _meter.CreateCounter<long>("recostreams.backfill.refreshes", "{user}", "Refresh requests produced by backfills.");
        _meter.CreateObservableGauge("recostreams.backfill.users.done", () => Interlocked.Read(ref _done), "{user}", "Users refreshed by the current or last backfill.");
        _meter.CreateObservableGauge("recostreams.backfill.users.total", () => Interlocked.Read(ref _total), "{user}", "Users the current or last backfill covers.");
    }

    public void Started(int total)
    {
        Interlocked.Exchange(ref _total, total);
        Interlocked.Exchange(ref _done, 0);
    }

    public void Requested(int count)
    {
        _requested.Add(count);
        Interlocked.Add(ref _done, count);
    }

    public void Dispose() => _meter.Dispose();
}
