namespace RecoStreams.Hosting.Health;

/// <summary>
/// One condition the instance must meet before it takes queries (streams running and stores restored,
/// consumer group stable, sink healthy). Registered by name; <c>/health/ready</c> reports every signal.
/// </summary>
public interface IReadinessSignal
{
    ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A signal's answer; <see cref="Description"/> is shown on the anonymous health endpoint.</summary>
public sealed record ReadinessResult(bool IsReady, string Description)
{
    public static ReadinessResult Ready(string description = "ready") => new(true, description);

    public static ReadinessResult NotReady(string reason) => new(false, reason);
}
