using System.CommandLine;
using RecoStreams.Avro.Registry.Client;

namespace RecoStreams.QueryApi.Catalog;

/// <summary>`catalog load`: validate a catalog file and publish it to catalog-items.</summary>
internal static class CatalogCommand
{
    /// <summary>Exit code when the file has bad records and nothing was published.</summary>
    public const int InvalidRecords = 1;

    /// <summary>Exit code when the file, the registry or Kafka could not be used.</summary>
    public const int Failed = 2;

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
        var bootstrap = Cli.LoaderOptions.BootstrapServers();
        var registryUrl = Cli.LoaderOptions.RegistryUrl();
        var token = Cli.RegistryHttp.TokenOption();
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
                    result.GetValue(format) ?? Ingestion.FileFormatGuess.Catalog(path),
                    result.GetValue(tags)?.FullName,
                    result.GetValue(tagNames)?.FullName,
                    result.GetValue(skipInvalid));
                if (result.GetValue(dryRun))
                {
                    return Report(request.Run(publisher: null), request, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
                }

                if (Cli.LoaderOptions.ResolveBootstrap(result.GetValue(bootstrap)) is not { } servers)
                {
                    result.InvocationConfiguration.Error.WriteLine($"catalog load failed: {Cli.LoaderOptions.NoBootstrap}");
                    return Failed;
                }

                Ingestion.BrokerReachability.EnsureReachable(servers, Ingestion.BrokerReachability.DefaultTimeout);
                using var http = Cli.RegistryHttp.Create(result.GetValue(token));
                var registry = new SchemaRegistryClient(http, new SchemaRegistryClientOptions { BaseAddress = result.GetValue(registryUrl)! });
                using var publisher = await CatalogPublisher.CreateAsync(servers, registry, cancellationToken: cancellationToken);
                return Report(request.Run(publisher), request, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or HttpRequestException
                or Confluent.Kafka.KafkaException or Avro.Registry.SchemaRegistryException)
            {
                result.InvocationConfiguration.Error.WriteLine($"catalog load failed: {e.Message}");
                return Failed;
            }
        });
        return load;
    }

    /// <summary>Prints every bad record, then the counts; the exit code says whether the file was refused.</summary>
    internal static int Report(CatalogLoadReport report, CatalogLoadRequest request, TextWriter output, TextWriter errors)
    {
        foreach (var bad in report.Invalid)
        {
            errors.WriteLine($"{request.Path}:{bad.Location}: {bad.Error}");
        }

        var refused = report.Invalid.Count > 0 && !request.SkipInvalid;
        output.WriteLine($"read {report.Read}, valid {report.Valid}, invalid {report.Invalid.Count}, published {report.Published}"
            + (refused ? " (file refused: fix the records above or pass --skip-invalid)" : string.Empty));
        return refused ? InvalidRecords : 0;
    }
}
