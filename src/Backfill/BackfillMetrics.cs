using System.Diagnostics.Metrics;

namespace RecoStreams.Backfill;

/// <summary>
/// Backfill progress on /metrics: refreshes requested (a counter) and the users done and total of the
/// current or last run (gauges), so a dashboard can show a running backfill and alert on a stuck one.
/// The meter comes from the host's factory, which also disposes it.
/// </summary>
public sealed class BackfillMetrics
{
    public const string MeterName = "RecoStreams.Backfill";

    private readonly Counter<long> _requested;
    private long _done;
    private long _total;

    public BackfillMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requested = meter.CreateCounter<long>("recostreams.backfill.refreshes", "{user}", "Refresh requests produced by backfills.");
        _requested.Add(0);
        meter.CreateObservableGauge("recostreams.backfill.users.done", () => Interlocked.Read(ref _done), "{user}", "Users refreshed by the current or last backfill.");
        meter.CreateObservableGauge("recostreams.backfill.users.total", () => Interlocked.Read(ref _total), "{user}", "Users the current or last backfill covers.");
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
}
