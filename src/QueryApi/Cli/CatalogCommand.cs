using System.CommandLine;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Ingestion;
using RecoStreams.Ingestion.Catalog;

namespace RecoStreams.QueryApi.Cli;

/// <summary>`catalog load`: validate a catalog file and publish it to catalog-items.</summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var command = new Command("catalog", "Catalog ingestion.");
        command.Subcommands.Add(CreateLoad());
        return command;
    }

    private static Command CreateLoad()
    {
        var file = new Option<FileInfo>("--file") { Description = "The catalog file.", Required = true };
        var format = new Option<CatalogFormat?>("--format")
        {
            Description = "movielens (movies.csv), goodbooks (books.csv) or jsonl (CatalogItem objects); default: guessed from the first line.",
        };
        var tags = new Option<FileInfo?>("--tags") { Description = "goodbooks book_tags.csv: shelves become genres (needs --tag-names)." };
        var tagNames = new Option<FileInfo?>("--tag-names") { Description = "goodbooks tags.csv." };
        var bootstrap = LoaderOptions.BootstrapServers();
        var registryUrl = LoaderOptions.RegistryUrl();
        var token = RegistryHttp.TokenOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report only; publish nothing." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Publish the valid records even when some are bad (they are still reported)." };

        var load = new Command("load", "Validate a catalog file and publish its items to catalog-items. Any bad record refuses the whole file unless --skip-invalid.")
        {
            file, format, tags, tagNames, bootstrap, registryUrl, token, dryRun, skipInvalid,
        };
        load.Validators.Add(result =>
        {
            if (result.GetValue(tags) is null != result.GetValue(tagNames) is null)
            {
                result.AddError("--tags and --tag-names go together.");
            }
        });
        load.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var path = result.GetValue(file)!.FullName;
                var request = new CatalogLoadRequest(
                    path,
                    result.GetValue(format) ?? FileFormatGuess.Catalog(path),
                    result.GetValue(tags)?.FullName,
                    result.GetValue(tagNames)?.FullName,
                    result.GetValue(skipInvalid));
                if (result.GetValue(dryRun))
                {
                    return CatalogLoadOutcome.Report(request.Run(publisher: null), request, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
                }

                if (LoaderOptions.ResolveBootstrap(result.GetValue(bootstrap)) is not { } servers)
                {
                    result.InvocationConfiguration.Error.WriteLine($"catalog load failed: {LoaderOptions.NoBootstrap}");
                    return CatalogLoadOutcome.Failed;
                }

                BrokerReachability.EnsureReachable(servers, BrokerReachability.DefaultTimeout);
                using var http = RegistryHttp.Create(result.GetValue(token));
                var registry = new SchemaRegistryClient(http, new SchemaRegistryClientOptions { BaseAddress = result.GetValue(registryUrl)! });
                using var publisher = await CatalogPublisher.CreateAsync(servers, registry, cancellationToken: cancellationToken);
                return CatalogLoadOutcome.Report(request.Run(publisher), request, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or HttpRequestException
                or Confluent.Kafka.KafkaException or Avro.Registry.SchemaRegistryException)
            {
                result.InvocationConfiguration.Error.WriteLine($"catalog load failed: {e.Message}");
                return CatalogLoadOutcome.Failed;
            }
        });
        return load;
    }
}
