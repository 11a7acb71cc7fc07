using System.CommandLine;
using RecoStreams.Backfill;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using Spectre.Console;

namespace RecoStreams.QueryApi.Cli;

/// <summary>
/// `backfill`: recompute every user of an application, e.g. after a model or catalog change. The users
/// are the live keys of the user-profiles changelog; each gets a refresh request, at most --rate per
/// second, with a progress bar (plain lines when the output is not a terminal).
/// </summary>
internal static class BackfillCommand
{
    private const int Failed = 1;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "Kafka bootstrap servers of the application.", Required = true };
        var applicationId = new Option<string>("--application-id")
        {
            Description = "The application whose users to refresh.",
            DefaultValueFactory = _ => "recostreams",
        };
        var rate = new Option<double>("--rate")
        {
            Description = "Refresh requests per second at most (the stream threads recompute them alongside live traffic).",
            DefaultValueFactory = _ => BackfillRunner.DefaultRatePerSecond,
        };
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() <= 0)
            {
                result.AddError("--rate must be positive.");
            }
        });

        var command = new Command("backfill", "Recompute every user's recommendations at a bounded rate.") { bootstrap, applicationId, rate };
        command.SetAction(async (result, cancellationToken) =>
        {
            var topics = new RecoTopics(result.GetValue(applicationId)!);
            var servers = result.GetValue(bootstrap)!;
            try
            {
                var users = ChangelogKeys.Read(servers, ChangelogTopics.NameFor(topics.ApplicationId, RecoStoreNames.Profiles), ReadTimeout, cancellationToken);
                Console.WriteLine($"{users.Count:N0} users in {topics.ApplicationId}; refreshing at most {result.GetValue(rate):N0}/s.");
                using var publisher = new KafkaRefreshPublisher(servers, topics, TimeProvider.System);
                var runner = new BackfillRunner(publisher);
                var done = await RunWithProgressAsync(runner, users, result.GetValue(rate), cancellationToken);
                Console.WriteLine($"Backfill done: {done}.");
                return 0;
            }
            catch (Exception e) when (e is Confluent.Kafka.KafkaException or InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"backfill failed: {e.Message}");
                return Failed;
            }
        });
        return command;
    }

    private static async Task<BackfillProgress> RunWithProgressAsync(
        BackfillRunner runner, IReadOnlyList<string> users, double rate, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs and CI: a line per tenth done instead of redrawing a bar.
            return await runner.RunAsync(users, rate, new TenthLines(Console.Out), cancellationToken);
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("refreshing users", maxValue: Math.Max(1, users.Count));
                var progress = new Progress<BackfillProgress>(p => bar.Value = p.Done);
                var outcome = await runner.RunAsync(users, rate, progress, cancellationToken);
                bar.Value = bar.MaxValue;
                return outcome;
            });
    }

    /// <summary>Writes progress when it crosses into the next tenth (called synchronously by the runner).</summary>
    private sealed class TenthLines(TextWriter output) : IProgress<BackfillProgress>
    {
        private int _printed = -1;

        public void Report(BackfillProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth > _printed)
            {
                _printed = tenth;
                output.WriteLine(value);
            }
        }
    }
}
