using System.CommandLine;
using System.Globalization;
using RecoStreams.Evaluation;

namespace RecoStreams.QueryApi.Cli;

/// <summary>
/// `evaluate`: the CLI verb of <see cref="EvaluationRunner"/> (src/Evaluation; see docs/evaluation.md).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var ratings = new Option<FileInfo>("--ratings") { Description = "MovieLens ratings in any release's layout: ratings.csv (userId,movieId,rating,timestamp with a header), ratings.dat (ml-1m, ml-10m: '::'-separated) or u.data (ml-100k: tab-separated); timestamps in seconds.", Required = true };
        var items = new Option<FileInfo>("--items")
        {
            Description = "The catalog: MovieLens movies.csv (movieId,title,genres), movies.dat (ml-1m, ml-10m) or u.item (ml-100k, genre flags), or goodbooks-10k books.csv (authors as creators).",
            Required = true,
        };
        var protocol = new Option<string>("--protocol")
        {
            Description = "temporal (latest share of each user's events held out), leave-last-out (each user's latest second), global-time (one cut for everyone) or global-time-rolling (global-time's held-out share in --windows cuts, every system retrained on the past of each).",
            DefaultValueFactory = _ => "temporal",
        };
        protocol.AcceptOnlyFromAmong("temporal", "leave-last-out", "global-time", "global-time-rolling");
        var windows = new Option<int>("--windows")
        {
            Description = "The rolling origin's windows (global-time-rolling only).",
            DefaultValueFactory = _ => 10,
        };
        windows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--windows must be between 1 and 1000.");
            }
        });
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "Held-out share for temporal (per user) and global-time (of all events).",
            DefaultValueFactory = _ => 0.2,
        };
        testFraction.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and < 1))
            {
                result.AddError("--test-fraction must be between 0 and 1 (exclusive).");
            }
        });
        var withoutTopology = new Option<bool>("--without-topology")
        {
            Description = "Skip the topology replay; RecoStreams is then measured by the offline replay only (for tuning experiments).",
        };
        var cutoffs = new Option<string>("--k")
        {
            Description = "Comma-separated cut-offs, e.g. 10,20.",
            DefaultValueFactory = _ => "10,20",
        };
        cutoffs.Validators.Add(result =>
        {
            if (ParseCutoffs(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--k must be a comma-separated list of positive integers.");
            }
        });
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var perUser = new Option<FileInfo?>("--per-user") { Description = "Also write every scored user's NDCG@K per system as CSV (system,k,user,ndcg) to this file." };
        var replayStep = new Option<int>("--replay-step-seconds")
        {
            Description = "Most event time the topology's clock may lag the replayed events (1 = punctuate every event second).",
            DefaultValueFactory = _ => (int)EvaluationRequest.DefaultReplayStep.TotalSeconds,
        };
        replayStep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or >= 300)
            {
                result.AddError("--replay-step-seconds must be between 1 and 299 (below the 5 min future tolerance).");
            }
        });

        var memoryBudget = new Option<int>("--memory-budget-mib")
        {
            Description = "Resident memory the topology replay keeps the process near with full collections (more of them below it); never fails above it.",
            DefaultValueFactory = _ => EvaluationRequest.DefaultMemoryBudgetMib,
        };
        memoryBudget.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--memory-budget-mib must be positive.");
            }
        });

        var sampleUsers = new Option<int?>("--sample-users")
        {
            Description = "Evaluate a seeded sample of this many users with all their events (for releases far larger than ml-latest-small); default: every user.",
        };
        sampleUsers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 2)
            {
                result.AddError("--sample-users must be at least 2.");
            }
        });
        var sampleSeed = new Option<int>("--sample-seed")
        {
            Description = "The seed of --sample-users' sample.",
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("evaluate", "Replay the training split through the topology and score it against baselines.")
        {
            ratings, items, protocol, testFraction, cutoffs, json, replayStep, withoutTopology, windows, perUser, memoryBudget,
            sampleUsers, sampleSeed,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new EvaluationRequest(
                // As given (relative paths stay relative), so a committed report does not carry the machine's layout.
                result.GetValue(ratings)!.ToString(),
                result.GetValue(items)!.ToString(),
                result.GetValue(protocol) switch
                {
                    "leave-last-out" => SplitProtocol.LeaveLastOut,
                    "global-time" => SplitProtocol.GlobalTime,
                    "global-time-rolling" => SplitProtocol.GlobalTimeRolling,
                    _ => SplitProtocol.Temporal,
                },
                ParseCutoffs(result.GetValue(cutoffs))!,
                result.GetValue(json)?.FullName)
            {
                ReplayStep = TimeSpan.FromSeconds(result.GetValue(replayStep)),
                TestFraction = result.GetValue(testFraction),
                ReplayTopology = !result.GetValue(withoutTopology),
                Windows = result.GetValue(windows),
                PerUserPath = result.GetValue(perUser)?.FullName,
                MemoryBudgetBytes = result.GetValue(memoryBudget) * 1024L * 1024,
                SampleUsers = result.GetValue(sampleUsers),
                SampleSeed = result.GetValue(sampleSeed),
            };
            return await RunAsync(request, result.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(EvaluationRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { request.RatingsPath, request.ItemsPath })
        {
            if (!File.Exists(path))
            {
                await output.WriteLineAsync($"File not found: {path}");
                return 2;
            }
        }

        EvaluationReport report;
        try
        {
            report = await EvaluationRunner.RunAsync(request, output, cancellationToken);
        }
        catch (Exception e) when (e is FormatException or OverflowException or IOException)
        {
            // A malformed file is the user's to fix: say which and why in one line, not with a stack trace.
            await output.WriteLineAsync($"evaluate failed: {e.Message}");
            return 2;
        }

        await output.WriteLineAsync(report.ToTable());
        if (request.JsonPath is { } jsonPath)
        {
            await File.WriteAllTextAsync(jsonPath, report.ToJson() + Environment.NewLine, cancellationToken);
            await output.WriteLineAsync($"Wrote {jsonPath}");
        }

        if (request.PerUserPath is { } perUserPath)
        {
            await File.WriteAllTextAsync(perUserPath, report.ToPerUserCsv(), cancellationToken);
            await output.WriteLineAsync($"Wrote {perUserPath}");
        }

        return 0;
    }

    internal static IReadOnlyList<int>? ParseCutoffs(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k <= 0)
            {
                return null;
            }

            values.Add(k);
        }

        return values.Count == 0 ? null : [.. values.Distinct().Order()];
    }
}
