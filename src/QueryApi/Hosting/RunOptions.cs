using RecoStreams.Streams;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>How the `run` verb starts an instance (command-line flags, overriding configuration).</summary>
public sealed class RunOptions
{
    /// <summary>Kafka bootstrap servers; null runs on librdkafka's in-process mock cluster.</summary>
    public string? BootstrapServers { get; init; }

    public string ApplicationId { get; init; } = "recostreams";

    /// <summary>host:port other instances use to reach this one's query API; defaults to the listen address.</summary>
    public string? ApplicationServer { get; init; }

    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Root of the RocksDB state and the embedded registry's files.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, "data");

    /// <summary>Partitions of each topic created on the embedded cluster.</summary>
    public int Partitions { get; init; } = 6;

    public int StreamThreads { get; init; } = 1;

    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>Null keeps the guarantee's default (30 s at-least-once, 100 ms exactly-once).</summary>
    public TimeSpan? CommitInterval { get; init; }

    /// <summary>A Confluent-compatible schema registry; null serves the embedded one under /schema-registry.</summary>
    public Uri? SchemaRegistryUrl { get; init; }

    /// <summary>Npgsql connection string of the Postgres mirror; null leaves the mirror off.</summary>
    public string? Postgres { get; init; }

    public bool Embedded => string.IsNullOrWhiteSpace(BootstrapServers);
}
