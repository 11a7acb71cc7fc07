namespace RecoStreams.Avro.Registry.Client;

/// <summary>Settings of <see cref="SchemaRegistryClient"/>.</summary>
public sealed record SchemaRegistryClientOptions
{
    /// <summary>Base URL of the registry, e.g. http://schema-registry:8081/.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Upper bound of one HTTP attempt; an attempt that exceeds it is retried like a transport error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt for 5xx, 429, timeouts and transport errors; 4xx are never retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Backoff before the first retry; doubles per retry, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Ceiling of one backoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Entries kept per cache (ids, registrations); the cache is cleared when it fills, which only costs refetches.</summary>
    public int MaxCachedSchemas { get; init; } = 1000;

    /// <summary>Optional "user:password" sent as HTTP basic authentication, as Confluent's basic.auth.user.info.</summary>
    public string? BasicAuthUserInfo { get; init; }
}
