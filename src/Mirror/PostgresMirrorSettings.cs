namespace RecoStreams.Mirror;

/// <summary>Where the mirror reads (Kafka, the application's topics) and writes (Postgres).</summary>
public sealed record PostgresMirrorSettings(string ConnectionString, string BootstrapServers, string ApplicationId);
