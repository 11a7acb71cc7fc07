using RecoStreams.Hosting.Health;
using RecoStreams.Postgres.Delivery;

namespace RecoStreams.Mirror;

/// <summary>
/// The "postgres-mirror" readiness signal. It is always ready: the mirror is a downstream copy for SQL
/// readers, and queries are served from the local stores, so Postgres being down must not take the
/// instance out of the load balancer. Trouble shows as "degraded: ..." in the health JSON instead.
/// </summary>
public sealed class PostgresMirrorReadiness : IReadinessSignal
{
    private volatile SinkStatus? _status;
    private volatile string? _startupError;

    /// <summary>Called once the worker exists; before that the mirror reports it is starting.</summary>
    public void Attach(SinkStatus status) => _status = status;

    /// <summary>The worker's counters, or null before it started.</summary>
    public SinkStatusSnapshot? Snapshot() => _status?.Snapshot();

    /// <summary>Migration or connection failures before the worker could start.</summary>
    public void ReportStartupFailure(string? error) => _startupError = error;

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (_status is not { } status)
        {
            return ValueTask.FromResult(ReadinessResult.Ready(
                _startupError is { } e ? $"degraded: postgres mirror not started ({e})" : "postgres mirror starting"));
        }

        var s = status.Snapshot();
        return ValueTask.FromResult(ReadinessResult.Ready(s.State switch
        {
            SinkState.Healthy => $"postgres mirror healthy ({s.RowsCommitted} rows committed)",
            SinkState.Retrying => $"degraded: postgres mirror retrying ({s.PendingRecords} rows pending): {s.LastError}",
            _ => $"degraded: postgres mirror failed: {s.LastError}",
        }));
    }
}
