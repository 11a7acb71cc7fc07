namespace RecoStreams.Hosting.Health;

/// <summary>Health check tags selecting which endpoint runs a check.</summary>
public static class HealthTags
{
    /// <summary>Checks that must pass before the instance takes traffic (<c>/health/ready</c>).</summary>
    public const string Ready = "ready";

    /// <summary>Checks whose failure means the process should be restarted (<c>/health/live</c>).</summary>
    public const string Live = "live";
}
