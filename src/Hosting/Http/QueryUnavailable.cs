namespace RecoStreams.Hosting.Http;

/// <summary>The 503 conditions of interactive queries, with messages safe to show to clients.</summary>
public static class QueryUnavailable
{
    /// <summary>Long enough for a rebalance or a small restore to finish, short enough not to stall clients.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static ServiceUnavailableException NotRunning(string state) =>
        new($"State stores are not queryable while the application is {state}; retry shortly.", RetryAfter);

    public static ServiceUnavailableException NotLocal(int partition) =>
        new($"Partition {partition} is not hosted by this instance right now; retry shortly.", RetryAfter);

    public static ServiceUnavailableException NoPartitionCount(string topic) =>
        new($"The partition count of topic '{topic}' is not known yet; retry shortly.", RetryAfter);
}
