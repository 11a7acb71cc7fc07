namespace RecoStreams.Avro.Registry.Client;

/// <summary>
/// Exponential backoff with "equal jitter": half the capped exponential delay is fixed, the other
/// half random, so clients that failed together do not retry together yet never retry instantly.
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }
}
