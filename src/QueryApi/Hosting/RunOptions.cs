using System.Net;
using System.Text.RegularExpressions;
using RecoStreams.Streams;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>How the `run` verb starts an instance (command-line flags, overriding configuration).</summary>
public sealed partial class RunOptions
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

    /// <summary>Static group membership id, stable across this instance's restarts; null = dynamic membership.</summary>
    public string? GroupInstanceId { get; init; }

    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>Null keeps the guarantee's default (30 s at-least-once, 100 ms exactly-once).</summary>
    public TimeSpan? CommitInterval { get; init; }

    /// <summary>A Confluent-compatible schema registry; null serves the embedded one under /schema-registry.</summary>
    public Uri? SchemaRegistryUrl { get; init; }

    /// <summary>Npgsql connection string of the Postgres mirror; null leaves the mirror off.</summary>
    public string? Postgres { get; init; }

    public bool Embedded => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>
    /// The host:port other instances forward queries to: <see cref="ApplicationServer"/> when given, else
    /// the first listen URL, with a wildcard host (0.0.0.0, [::], +, *) replaced by this machine's host
    /// name, since a wildcard would send other instances' forwards to themselves.
    /// </summary>
    public string AdvertisedEndpoint()
    {
        if (!string.IsNullOrWhiteSpace(ApplicationServer))
        {
            return ApplicationServer;
        }

        var first = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var url = ListenUrl().Match(first);
        if (!url.Success)
        {
            throw new ArgumentException($"Cannot tell the advertised endpoint from the listen URL '{first}'; pass --application-server host:port.");
        }

        var host = url.Groups["host"].Value;
        var port = url.Groups["port"].Success ? url.Groups["port"].Value : url.Groups["scheme"].Value == "https" ? "443" : "80";
        return $"{(host is "0.0.0.0" or "[::]" or "+" or "*" ? Dns.GetHostName() : host)}:{port}";
    }

    // Kestrel's listen URLs, including the wildcard hosts '+' and '*' that System.Uri rejects.
    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]*\]|[^:/\[]+)(:(?<port>\d+))?(/.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenUrl();
}
