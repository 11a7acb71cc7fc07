using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;
using static RecoStreams.Bench.RocksDbBenchSupport;

namespace RecoStreams.Bench;

/// <summary>
/// Put and get ops/s of 16-byte keys / 100-byte values through three layers in one run: the raw RocksDB
/// binding, the byte store (IKeyValueBytesStore), and the typed store built by KeyValueStoreBuilder with
/// caching on. Then restore throughput: changelog-like batches (5% tombstones) through the store's
/// restore callback.
/// Usage: rocksdb [--ops N] [--restore-records N] [--restore-batch N] [--json FILE]
/// </summary>
internal sealed class RocksDbBenchmark : IBenchmarkCommand
{
    public string Name => "rocksdb";

    public Task<int> RunAsync(string[] args)
    {
        var ops = long.Parse(OptionValue(args, "--ops", "300000"), CultureInfo.InvariantCulture);
        var restoreRecords = long.Parse(OptionValue(args, "--restore-records", "1000000"), CultureInfo.InvariantCulture);
        var restoreBatch = int.Parse(OptionValue(args, "--restore-batch", "1000"), CultureInfo.InvariantCulture);
        var json = OptionValue(args, "--json");

        // Warm-up: JIT and the shared block cache, so the first measured layer is not penalised.
        _ = Measure("warm-up", Math.Min(ops, 20_000), RawBinding).ToList();
        var results = new List<Result>();
        results.AddRange(Measure("raw-binding", ops, RawBinding));
        results.AddRange(Measure("bytes-store", ops, BytesStore));
        results.AddRange(Measure("typed-caching-store", ops, TypedCachingStore));
        var restore = MeasureRestore(restoreRecords, restoreBatch);
        var load = LoadAverage();

        Console.WriteLine($"rocksdb: {ops:N0} ops per phase, {KeyBytes}-byte keys, {ValueBytes}-byte values, load average {load} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"layer",-22} {"op",-4} {"ops/s",12} {"ms",8} {"ops/cpu-s",12}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Layer,-22} {r.Operation,-4} {r.OpsPerSecond,12:N0} {r.Milliseconds,8:N0} {r.OpsPerCpuSecond,12:N0}");
        }

        Console.WriteLine(
            $"restore: {restore.Records:N0} records in batches of {restore.BatchSize:N0}: {restore.RecordsPerSecond:N0} records/s, " +
            $"{restore.MegabytesPerSecond:N1} MB/s ({restore.Milliseconds:N0} ms, {restore.RecordsPerCpuSecond:N0} records/cpu-s)");
        if (json is not null)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(
                new { benchmark = Name, ops, keyBytes = KeyBytes, valueBytes = ValueBytes, loadAverage = load, cores = Environment.ProcessorCount, results, restore },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }

        return Task.FromResult(0);
    }

    private static IEnumerable<Result> Measure(string layer, long ops, Func<string, Workload> open)
    {
        var directory = TempStateDirectory(layer);
        try
        {
            var workload = open(directory);
            try
            {
                // Keys are made up front so the timed loops measure the store, not key construction.
                var keys = Enumerable.Range(0, (int)ops).Select(i => Key(i)).ToArray();
                var value = Value(42);
                var put = Time(() =>
                {
                    foreach (var key in keys)
                    {
                        workload.Put(key, value);
                    }
                });

                var found = 0L;
                var get = Time(() =>
                {
                    // Stride through the keys so reads do not follow write order.
                    for (long i = 0, k = 0; i < ops; i++, k = (k + 7_919) % ops)
                    {
                        found += workload.Get(keys[k]) ? 1 : 0;
                    }
                });

                if (found != ops)
                {
                    throw new InvalidOperationException($"{layer}: found {found} of {ops} keys.");
                }

                yield return Result.Of(layer, "put", ops, put);
                yield return Result.Of(layer, "get", ops, get);
            }
            finally
            {
                workload.Close();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static RestoreResult MeasureRestore(long records, int batchSize)
    {
        var directory = TempStateDirectory("restore");
        try
        {
            var context = new RocksDbBenchContext(directory);
            var store = new RocksDbKeyValueBytesStore("restore");
            store.Init(context);
            try
            {
                var callback = context.RestoreCallback ?? throw new InvalidOperationException("The store registered no restore callback.");
                var batches = new List<KeyValuePair<byte[], byte[]?>[]>();
                for (long start = 0; start < records; start += batchSize)
                {
                    var count = (int)Math.Min(batchSize, records - start);
                    batches.Add([.. Enumerable.Range(0, count).Select(j => start + j).Select(i =>
                        new KeyValuePair<byte[], byte[]?>(Key(i % (records * 9 / 10)), i % 20 == 0 ? null : Value(i)))]);
                }

                var elapsed = Time(() =>
                {
                    foreach (var batch in batches)
                    {
                        callback.RestoreBatch(batch);
                    }
                });
                var bytes = batches.Sum(b => b.Sum(r => (long)r.Key.Length + (r.Value?.Length ?? 0)));
                return new RestoreResult(
                    records,
                    batchSize,
                    Math.Round(records / elapsed.Wall.TotalSeconds),
                    Math.Round(bytes / 1e6 / elapsed.Wall.TotalSeconds, 1),
                    Math.Round(elapsed.Wall.TotalMilliseconds),
                    Math.Round(records / elapsed.Cpu.TotalSeconds));
            }
            finally
            {
                store.Close();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Wall time is what a caller sees; process CPU time (including RocksDB's flush and compaction threads)
    // is what the work costs, and moves far less when the shared machine is loaded, so both are reported.
    private static Elapsed Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        var wall = stopwatch.Elapsed;
        process.Refresh();
        return new Elapsed(wall, process.TotalProcessorTime - cpuBefore);
    }

    private static Workload RawBinding(string directory)
    {
        var db = RocksDatabase.Open(Path.Combine(directory, "raw"), RocksDbOptions.Default);
        return new Workload((k, v) => db.Put(k, v), k => db.Get(k) is not null, db.Dispose);
    }

    private static Workload BytesStore(string directory)
    {
        var store = RocksDbStores.PersistentKeyValueStore("bytes").Get();
        store.Init(new RocksDbBenchContext(directory));
        return new Workload((k, v) => store.Put(Bytes.Wrap(k), v), k => store.Get(Bytes.Wrap(k)) is not null, store.Close);
    }

    private static Workload TypedCachingStore(string directory)
    {
        var store = new KeyValueStoreBuilder<byte[], byte[]>(RocksDbStores.PersistentKeyValueStore("typed"), Serdes.ByteArray, Serdes.ByteArray)
            .WithCachingEnabled()
            .WithLoggingDisabled()
            .Build();
        store.Init(new RocksDbBenchContext(directory));
        return new Workload((k, v) => store.Put(k, v), k => store.TryGet(k, out _), store.Close);
    }

    private sealed record Workload(Action<byte[], byte[]> Put, Func<byte[], bool> Get, Action Close);

    private readonly record struct Elapsed(TimeSpan Wall, TimeSpan Cpu);

    private sealed record Result(string Layer, string Operation, double OpsPerSecond, double Milliseconds, double OpsPerCpuSecond)
    {
        public static Result Of(string layer, string operation, long ops, Elapsed elapsed) =>
            new(layer, operation, Math.Round(ops / elapsed.Wall.TotalSeconds), Math.Round(elapsed.Wall.TotalMilliseconds), Math.Round(ops / elapsed.Cpu.TotalSeconds));
    }

    private sealed record RestoreResult(
        long Records, int BatchSize, double RecordsPerSecond, double MegabytesPerSecond, double Milliseconds, double RecordsPerCpuSecond);
}
