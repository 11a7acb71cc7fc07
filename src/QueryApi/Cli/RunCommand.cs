using System.CommandLine;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.Streams;

namespace RecoStreams.QueryApi.Cli;

/// <summary>`run`: the main job. Without --bootstrap-servers it runs on the embedded mock cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            Description = "Kafka bootstrap servers (host:port,...). Omit to run on the embedded in-process mock cluster.",
        };
        var applicationId = new Option<string>("--application-id")
        {
            Description = "Consumer group, prefix of internal topics and state folders.",
            DefaultValueFactory = _ => "recostreams",
        };
        var applicationServer = new Option<string?>("--application-server")
        {
            Description = "host:port other instances use to forward queries here (default: the listen address).",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where the query API listens.",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Folder for RocksDB state and the embedded schema registry.",
            DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, "data"),
        };
        var partitions = new Option<int>("--partitions")
        {
            Description = "Partitions per topic on the embedded cluster.",
            DefaultValueFactory = _ => 6,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Stream threads in this instance.",
            DefaultValueFactory = _ => 1,
        };
        var groupInstanceId = new Option<string?>("--group-instance-id")
        {
            Description = "Static group membership (brokers 2.3+): a stable id per instance, so a restart takes its partitions back without waiting out the session timeout.",
        };
        var guarantee = new Option<ProcessingGuarantee>("--processing-guarantee")
        {
            Description = "AtLeastOnce (default) or ExactlyOnce (transactions; brokers 2.4+, not the mock cluster).",
            DefaultValueFactory = _ => ProcessingGuarantee.AtLeastOnce,
        };
        var commitInterval = new Option<int?>("--commit-interval-ms")
        {
            Description = "How often processed offsets are committed (default 30000 at-least-once, 100 exactly-once).",
        };
        var registryUrl = new Option<Uri?>("--schema-registry-url")
        {
            Description = "Confluent-compatible schema registry. Omit to serve the embedded registry under /schema-registry.",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Npgsql connection string of the Postgres mirror (off when omitted).",
        };

        var command = new Command("run", "Run a RecoStreams instance: the topology and the query API.")
        {
            bootstrap, applicationId, applicationServer, urls, dataDir, partitions, threads, groupInstanceId, guarantee, commitInterval, registryUrl, postgres,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new RunOptions
            {
                BootstrapServers = result.GetValue(bootstrap),
                ApplicationId = result.GetValue(applicationId)!,
                ApplicationServer = result.GetValue(applicationServer),
                Urls = result.GetValue(urls)!,
                DataDirectory = Path.GetFullPath(result.GetValue(dataDir)!),
                Partitions = result.GetValue(partitions),
                StreamThreads = result.GetValue(threads),
                GroupInstanceId = result.GetValue(groupInstanceId),
                ProcessingGuarantee = result.GetValue(guarantee),
                CommitInterval = result.GetValue(commitInterval) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                SchemaRegistryUrl = result.GetValue(registryUrl),
                Postgres = result.GetValue(postgres),
            };
            return await RecoStreamsHost.RunAsync(options, result.UnmatchedTokens.ToArray(), cancellationToken);
        });
        return command;
    }
}
