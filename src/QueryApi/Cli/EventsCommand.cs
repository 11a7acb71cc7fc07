using System.CommandLine;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Ingestion;
using RecoStreams.Ingestion.Events;
using Spectre.Console;

namespace RecoStreams.QueryApi.Cli;

/// <summary>`events load`: replay an events or ratings file into engagement-events, with a progress bar.</summary>
internal static class EventsCommand
{
    public const int InvalidRecords = 1;
    public const int Failed = 2;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var command = new Command("events", "Engagement event ingestion.");
        command.Subcommands.Add(CreateLoad());
        return command;
    }

    private static Command CreateLoad()
    {
        var file = new Option<FileInfo>("--file") { Description = "The events file.", Required = true };
        var format = new Option<EventFormat?>("--format")
        {
            Description = "movielens (ratings.csv), goodbooks (ratings.csv) or jsonl (POST /events objects); default: guessed from the first line.",
        };
        var rate = new Option<double?>("--rate") { Description = "Events per second at most (default: as fast as the cluster takes them)." };
        var timeScale = new Option<double?>("--time-scale")
        {
            Description = "Shrink the file's time span by this factor and end it now (e.g. 1000: 22 years become 8 days); default: keep the times.",
        };
        var bootstrap = LoaderOptions.BootstrapServers();
        var registryUrl = LoaderOptions.RegistryUrl();
        var token = RegistryHttp.TokenOption();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Send the valid events even when some lines are bad (they are still reported)." };
        var load = new Command("load", "Check an events file and replay it into engagement-events (ratings become RATING events). Any bad line refuses the file unless --skip-invalid.")
        {
            file, format, rate, timeScale, bootstrap, registryUrl, token, skipInvalid,
        };
        load.Validators.Add(result =>
        {
            if (result.GetValue(rate) is <= 0)
            {
                result.AddError("--rate must be positive.");
            }

            if (result.GetValue(timeScale) is { } scale && !(scale > 0 && double.IsFinite(scale)))
            {
                result.AddError("--time-scale must be a positive number.");
            }
        });
        load.SetAction(async (result, cancellationToken) =>
        {
            var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            try
            {
                var path = result.GetValue(file)!.FullName;
                var request = new EventsLoadRequest(
                    path, result.GetValue(format) ?? FileFormatGuess.Events(path), result.GetValue(skipInvalid), result.GetValue(timeScale), result.GetValue(rate));
                var servers = LoaderOptions.ResolveBootstrap(result.GetValue(bootstrap));
                if (servers is null)
                {
                    errors.WriteLine($"events load failed: {LoaderOptions.NoBootstrap}");
                    return Failed;
                }

                var events = request.Read(DateTimeOffset.UtcNow);
                foreach (var bad in events.Invalid)
                {
                    errors.WriteLine($"{path}:{bad.Line}: {bad.Error}");
                }

                if (events.Invalid.Count > 0 && !request.SkipInvalid)
                {
                    output.WriteLine($"read {events.Read}, valid {events.Events.Count}, invalid {events.Invalid.Count}, published 0 (file refused: fix the lines above or pass --skip-invalid)");
                    return InvalidRecords;
                }

                BrokerReachability.EnsureReachable(servers, BrokerReachability.DefaultTimeout);
                using var http = RegistryHttp.Create(result.GetValue(token));
                var registry = new SchemaRegistryClient(http, new SchemaRegistryClientOptions { BaseAddress = result.GetValue(registryUrl)! });
                using var publisher = await EventPublisher.CreateAsync(servers, registry, cancellationToken);
                await SendWithProgressAsync(events.Events, publisher, request.Rate, output, cancellationToken);
                publisher.Flush(FlushTimeout);
                output.WriteLine($"read {events.Read}, valid {events.Events.Count}, invalid {events.Invalid.Count}, published {publisher.Delivered} to {servers}");
                return 0;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or HttpRequestException
                or Confluent.Kafka.KafkaException or Avro.Registry.SchemaRegistryException)
            {
                errors.WriteLine($"events load failed: {e.Message}");
                return Failed;
            }
        });
        return load;
    }

    private static async Task SendWithProgressAsync(
        IReadOnlyList<Processors.Domain.EngagementEvent> events, EventPublisher publisher, double? rate, TextWriter output, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs and CI: a line per tenth sent instead of redrawing a bar.
            await EventReplay.RunAsync(events, publisher.Publish, rate, new TenthLines(output, events.Count), cancellationToken);
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("sending events", maxValue: Math.Max(1, events.Count));
                await EventReplay.RunAsync(events, publisher.Publish, rate, new BarProgress(bar), cancellationToken);
                bar.Value = bar.MaxValue;
            });
    }

    /// <summary>Moves the bar on the replay's thread (Progress&lt;T&gt; would post updates out of order).</summary>
    private sealed class BarProgress(ProgressTask bar) : IProgress<long>
    {
        public void Report(long value) => bar.Value = value;
    }

    /// <summary>Writes progress when it crosses into the next tenth (called synchronously by the replay).</summary>
    private sealed class TenthLines(TextWriter output, int total) : IProgress<long>
    {
        private long _printed = -1;

        public void Report(long value)
        {
            var tenth = total == 0 ? 10 : value * 10 / total;
            if (tenth > _printed)
            {
                _printed = tenth;
                output.WriteLine($"sent {value:N0} of {total:N0} events");
            }
        }
    }
}
