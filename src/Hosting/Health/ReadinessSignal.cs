namespace RecoStreams.Hosting.Health;

/// <summary>
/// A readiness signal the owning component pushes state into (e.g. the streams runtime on state changes),
/// for conditions cheaper to track than to probe. Starts not ready.
/// </summary>
public sealed class ReadinessSignal : IReadinessSignal
{
    private ReadinessResult _current;

    public ReadinessSignal(string initialReason = "starting") => _current = ReadinessResult.NotReady(initialReason);

    public ReadinessResult Current => Volatile.Read(ref _current);

    public void SetReady(string description = "ready") => Volatile.Write(ref _current, ReadinessResult.Ready(description));

    public void SetNotReady(string reason) => Volatile.Write(ref _current, ReadinessResult.NotReady(reason));

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current);
}
