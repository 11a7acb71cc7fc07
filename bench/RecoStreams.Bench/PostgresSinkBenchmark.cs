using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Rows;
using RecoStreams.Postgres.Upserts;

namespace RecoStreams.Bench;

/// <summary>
/// Rows/s of the Postgres mirror's batched upserts of recommendation lists (users x 20 items as jsonb)
/// against a plain INSERT of the same rows into an empty table without constraints, in the same run.
/// Uses RECOSTREAMS_TEST_POSTGRES, or starts a throwaway server with scripts/postgres/start.sh.
/// Usage: postgres-sink [--users N] [--repeat N] [--json FILE]
/// </summary>
internal sealed class PostgresSinkBenchmark : IBenchmarkCommand
{
    private const int ItemsPerUser = 20;
    private const string Database = "bench_postgres_sink";
    private static readonly int[] BatchSizes = [1000, 10000];

    public string Name => "postgres-sink";

    public async Task<int> RunAsync(string[] args)
    {
        var users = IntOption(args, "--users", 10_000);
        var repeat = IntOption(args, "--repeat", 3);
        var json = StringOption(args, "--json");

        await using var server = await BenchPostgresServer.AcquireAsync();
        await using var db = await CreateDatabaseAsync(server.ConnectionString);
        await new PostgresMigrator(db).MigrateAsync();
        await ExecuteAsync(db, "CREATE TABLE recommendations_plain (user_id text, items jsonb, generated_at timestamptz, algorithm text, strategy text, updated_at timestamptz)");

        var scenarios = new List<Scenario>();
        foreach (var batchSize in BatchSizes)
        {
            var first = Rows(users, generation: 1).Chunk(batchSize).ToList();
            var newer = Rows(users, generation: 2).Chunk(batchSize).ToList();
            var writer = new PostgresBatchWriter(db);
            Task Truncate() => ExecuteAsync(db, "TRUNCATE recommendations");
            async Task Prefill()
            {
                await Truncate();
                await UpsertAsync(writer, first);
            }

            scenarios.Add(new("plain-insert", batchSize, () => ExecuteAsync(db, "TRUNCATE recommendations_plain"), () => PlainInsertAsync(db, first)));
            scenarios.Add(new("upsert-new-rows", batchSize, Truncate, () => UpsertAsync(writer, first)));
            scenarios.Add(new("upsert-newer-versions", batchSize, Prefill, () => UpsertAsync(writer, newer)));
            scenarios.Add(new("upsert-replay-no-op", batchSize, Prefill, () => UpsertAsync(writer, first)));
        }

        var results = await MeasureAsync(db, scenarios, users, repeat);
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "n/a";

        Console.WriteLine($"postgres-sink: {users} users x {ItemsPerUser} items, median of {repeat} runs, load average {load} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"scenario",-24} {"batch",6} {"rows/s",10} {"wall ms",8} {"server cpu ms",14} {"rows/server cpu s",18}");
        foreach (var m in results)
        {
            Console.WriteLine($"{m.Scenario,-24} {m.BatchSize,6} {m.RowsPerSecond,10:N0} {m.Milliseconds,8:N0} {m.ServerCpuMilliseconds,14:N0} {m.RowsPerServerCpuSecond,18:N0}");
        }

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(
                new { benchmark = Name, users, itemsPerUser = ItemsPerUser, repeat, loadAverage = load, cores = Environment.ProcessorCount, results },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }

        return 0;
    }

    // Scenarios run round-robin, one run of each per round, so a burst of load on a shared machine
    // slows every scenario alike instead of skewing whichever happened to run at that moment.
    // Wall time is what a user sees; the server backend's CPU time is what the statement costs, and it
    // barely moves with machine load, so both are reported.
    private static async Task<List<Measurement>> MeasureAsync(NpgsqlDataSource db, List<Scenario> scenarios, int rows, int repeat)
    {
        var backend = await BackendCpu.ForConnectionAsync(db);
        var runs = scenarios.ToDictionary(s => s, _ => new List<(double Wall, double? Server)>());
        for (var round = -1; round < repeat; round++)
        {
            foreach (var scenario in scenarios)
            {
                await scenario.Prepare();
                var serverBefore = backend.Milliseconds();
                var stopwatch = Stopwatch.StartNew();
                await scenario.Run();
                var wall = stopwatch.Elapsed.TotalMilliseconds;
                if (round >= 0) // round -1 is the warm-up: JIT, connection pool, plan cache
                {
                    runs[scenario].Add((wall, backend.Milliseconds() - serverBefore));
                }
            }
        }

        return [.. scenarios.Select(s =>
        {
            var wall = Median(runs[s].Select(r => r.Wall));
            var server = runs[s].All(r => r.Server.HasValue) ? Median(runs[s].Select(r => r.Server!.Value)) : (double?)null;
            return new Measurement(
                s.Name,
                s.BatchSize,
                Math.Round(rows / (wall / 1000)),
                Math.Round(wall, 1),
                server is { } cpu ? Math.Round(cpu, 1) : null,
                server is { } c && c > 0 ? Math.Round(rows / (c / 1000)) : null);
        })];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task UpsertAsync(PostgresBatchWriter writer, List<RecommendationRow[]> batches)
    {
        foreach (var batch in batches)
        {
            await writer.WriteAsync(new SinkBatch { Recommendations = batch }, CancellationToken.None);
        }
    }

    // The same unnest statement and encoding as the upsert, minus the primary key and ON CONFLICT:
    // the difference is the price of idempotence.
    private static async Task PlainInsertAsync(NpgsqlDataSource db, List<RecommendationRow[]> batches)
    {
        foreach (var batch in batches)
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO recommendations_plain (user_id, items, generated_at, algorithm, strategy, updated_at)
                SELECT t.user_id, t.items::jsonb, t.generated_at, t.algorithm, t.strategy, now()
                FROM unnest(@user_id, @items, @generated_at, @algorithm, @strategy) AS t (user_id, items, generated_at, algorithm, strategy)
                """, connection, transaction);
            command.Parameters.Add(UnnestParameters.Text("user_id", batch.Select(r => r.UserId)));
            command.Parameters.Add(UnnestParameters.Json("items", batch.Select(r => JsonSerializer.Serialize(r.Items, MirrorJsonContext.Default.IReadOnlyListRecommendedItem))));
            command.Parameters.Add(UnnestParameters.TimestampTz("generated_at", batch.Select(r => r.GeneratedAt)));
            command.Parameters.Add(UnnestParameters.Text("algorithm", batch.Select(r => r.Algorithm)));
            command.Parameters.Add(UnnestParameters.Text("strategy", batch.Select(r => r.Strategy)));
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    private static RecommendationRow[] Rows(int users, int generation)
    {
        var generatedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).AddMinutes(generation);
        return [.. Enumerable.Range(0, users).Select(u => new RecommendationRow(
            $"user-{u:D6}",
            [.. Enumerable.Range(1, ItemsPerUser).Select(rank => new RecommendedItem(
                $"item-{(u * 31 + rank * 7 + generation) % 50_000:D5}",
                1.0 / rank + generation,
                rank % 3 == 0 ? "content" : "collaborative",
                rank,
                $"because you watched item-{(u + rank) % 50_000:D5}"))],
            generatedAt,
            "hybrid",
            "active"))];
    }

    private static async Task<NpgsqlDataSource> CreateDatabaseAsync(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // One pooled connection: every statement runs on the same backend, whose CPU time is measured.
        return NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = Database, MaxPoolSize = 1 }.ConnectionString);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private sealed record Scenario(string Name, int BatchSize, Func<Task> Prepare, Func<Task> Run);

    private sealed record Measurement(
        string Scenario,
        int BatchSize,
        double RowsPerSecond,
        double Milliseconds,
        double? ServerCpuMilliseconds,
        double? RowsPerServerCpuSecond);

    /// <summary>CPU time of the server process behind the benchmark's connection, when it runs on this machine.</summary>
    private sealed class BackendCpu(string? statPath)
    {
        private const double MillisecondsPerClockTick = 10; // /proc reports in USER_HZ, 100 on Linux

        public static async Task<BackendCpu> ForConnectionAsync(NpgsqlDataSource db)
        {
            await using var command = db.CreateCommand("SELECT pg_backend_pid()");
            var path = $"/proc/{(int)(await command.ExecuteScalarAsync())!}/stat";
            return new BackendCpu(File.Exists(path) ? path : null);
        }

        public double? Milliseconds()
        {
            if (statPath is null || !File.Exists(statPath))
            {
                return null;
            }

            // Fields after the parenthesised command name start at field 3; utime and stime are fields 14 and 15.
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * MillisecondsPerClockTick;
        }
    }

    /// <summary>
    /// The Postgres server a benchmark runs against: RECOSTREAMS_TEST_POSTGRES when set, otherwise a throwaway
    /// cluster started with scripts/postgres/start.sh (its own state file) and removed with stop.sh on dispose.
    /// </summary>
    private sealed class BenchPostgresServer : IAsyncDisposable
    {
        private const string Variable = "RECOSTREAMS_TEST_POSTGRES";
        private readonly string? _stateFile;
        private readonly string? _scripts;

        private BenchPostgresServer(string connectionString, string? scripts, string? stateFile)
        {
            ConnectionString = connectionString;
            _scripts = scripts;
            _stateFile = stateFile;
        }

        public string ConnectionString { get; }

        public static async Task<BenchPostgresServer> AcquireAsync()
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            {
                return new BenchPostgresServer(configured, null, null);
            }

            var scripts = Path.Combine(RepositoryRoot(), "scripts", "postgres");
            var stateFile = Path.Combine(Path.GetTempPath(), $"recostreams-bench-postgres.{Environment.ProcessId}.state");
            Console.Error.WriteLine($"{Variable} is not set; starting a throwaway server with {scripts}/start.sh");
            var output = await RunScriptAsync(Path.Combine(scripts, "start.sh"), stateFile);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Variable + "=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"start.sh printed no {Variable} line: {output}");
            return new BenchPostgresServer(line[(Variable.Length + 1)..].Trim(), scripts, stateFile);
        }

        public async ValueTask DisposeAsync()
        {
            if (_scripts is not null && _stateFile is not null)
            {
                await RunScriptAsync(Path.Combine(_scripts, "stop.sh"), _stateFile);
            }
        }

        private static async Task<string> RunScriptAsync(string script, string stateFile)
        {
            var startInfo = new ProcessStartInfo(script) { RedirectStandardOutput = true, UseShellExecute = false };
            startInfo.Environment["RECOSTREAMS_PG_STATE"] = stateFile;
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not run {script}");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{script} exited with {process.ExitCode}");
        }

        // `dotnet run` starts in the caller's directory, a published binary anywhere: try both.
        private static string RepositoryRoot()
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("RecoStreams.sln not found above the current or the program directory");
        }
    }
}
