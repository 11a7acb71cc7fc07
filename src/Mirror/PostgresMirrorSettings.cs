namespace RecoStreams.Mirror;

/// <summary>
/// Where the mirror reads (Kafka, the application's topics, with the host's consumer properties) and writes (Postgres).
/// </summary>
public sealed record PostgresMirrorSettings(
    string ConnectionString, string BootstrapServers, string ApplicationId, IReadOnlyDictionary<string, string>? ConsumerOverrides = null);
