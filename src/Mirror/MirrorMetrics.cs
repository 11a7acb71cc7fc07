using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using RecoStreams.Postgres.Delivery;

namespace RecoStreams.Mirror;

/// <summary>
/// The "RecoStreams.Mirror" meter, read from the sink worker's status at each scrape: rows waiting for
/// Postgres, seconds since the last committed batch while rows wait (the mirror's lag), retries and rows
/// committed. Registered only when the mirror runs.
/// </summary>
public sealed class MirrorMetrics : IHostedService
{
    public const string MeterName = "RecoStreams.Mirror";

    private readonly TimeProvider _clock;
    private DateTimeOffset? _pendingSinceStart;

    public MirrorMetrics(IMeterFactory meterFactory, PostgresMirrorReadiness readiness, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "recostreams.mirror.pending", () => readiness.Snapshot()?.PendingRecords ?? 0, "{row}", "Rows taken from Kafka and not yet committed to Postgres.");
        meter.CreateObservableGauge(
            "recostreams.mirror.lag", () => LagSeconds(readiness.Snapshot()), "s",
            "Seconds since the last committed batch while rows are pending; 0 when the mirror has caught up.");
        meter.CreateObservableCounter(
            "recostreams.mirror.retries", () => readiness.Snapshot()?.Retries ?? 0, "{retry}", "Write attempts that failed and were retried.");
        meter.CreateObservableCounter(
            "recostreams.mirror.rows", () => readiness.Snapshot()?.RowsCommitted ?? 0, "{row}", "Rows in batches committed to Postgres.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Since the last committed batch; before the first one, since the first scrape that saw rows pending
    /// (a mirror that never commits must still show a growing lag).
    /// </summary>
    private double LagSeconds(SinkStatusSnapshot? status)
    {
        var now = _clock.GetUtcNow();
        if (status is not { PendingRecords: > 0 })
        {
            return 0;
        }

        var since = status.LastSuccessAt ?? (_pendingSinceStart ??= now);
        return Math.Max(0, (now - since).TotalSeconds);
    }
}
