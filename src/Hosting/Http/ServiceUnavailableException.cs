namespace RecoStreams.Hosting.Http;

/// <summary>
/// Thrown when a query cannot be answered yet but will be soon (stores restoring, a rebalance in progress).
/// Becomes a 503 problem with a <c>Retry-After</c> header; <see cref="Exception.Message"/> is shown to the
/// client, so it must describe the condition without internals.
/// </summary>
public sealed class ServiceUnavailableException : Exception
{
    public ServiceUnavailableException(string message, TimeSpan retryAfter)
        : base(message) => RetryAfter = retryAfter;

    public ServiceUnavailableException()
        : this("The service is temporarily unavailable.", TimeSpan.FromSeconds(5))
    {
    }

    public ServiceUnavailableException(string message)
        : this(message, TimeSpan.FromSeconds(5))
    {
    }

    public ServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException) => RetryAfter = TimeSpan.FromSeconds(5);

    public TimeSpan RetryAfter { get; }
}
