using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.State;
using static RecoStreams.Bench.RocksDbBenchSupport;

namespace RecoStreams.Bench;

/// <summary>
/// Writes N keys (default 10 million, 16-byte keys / 100-byte values, in write batches) into one RocksDB
/// key-value store and samples the process RSS after every batch. Fails (exit 1) when the peak exceeds
/// the bound the options imply: RSS before opening + block cache + write buffers × max write buffers +
/// an overhead allowance (table readers, WAL/compaction buffers, allocator arenas, managed garbage).
/// Usage: rocksdb-memory [--keys N] [--batch N] [--overhead-mib N] [--json FILE]
/// </summary>
internal sealed class RocksDbMemoryBenchmark : IBenchmarkCommand
{
    public string Name => "rocksdb-memory";

    public Task<int> RunAsync(string[] args)
    {
        var keys = long.Parse(OptionValue(args, "--keys", "10000000"), CultureInfo.InvariantCulture);
        var batchSize = int.Parse(OptionValue(args, "--batch", "10000"), CultureInfo.InvariantCulture);
        var overheadBytes = long.Parse(OptionValue(args, "--overhead-mib", "128"), CultureInfo.InvariantCulture) << 20;
        var json = OptionValue(args, "--json");
        if (!File.Exists("/proc/self/status"))
        {
            Console.Error.WriteLine("rocksdb-memory needs /proc/self/status (Linux) to sample RSS.");
            return Task.FromResult(2);
        }

        var options = RocksDbOptions.Default;
        var directory = TempStateDirectory("memory");
        try
        {
            var store = new RocksDbKeyValueBytesStore("memory", options);
            store.Init(new RocksDbBenchContext(directory));
            GC.Collect();
            var baseline = RssBytes();
            var bound = baseline + options.BlockCacheBytes + options.MemtableBytesPerInstance + overheadBytes;
            var peak = baseline;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var value = Value(7);
                var batch = new List<KeyValuePair<Bytes, byte[]?>>(batchSize);
                for (long i = 0; i < keys; i++)
                {
                    batch.Add(new(Bytes.Wrap(Key(i)), value));
                    if (batch.Count == batchSize || i == keys - 1)
                    {
                        store.PutAll(batch);
                        batch.Clear();
                        peak = Math.Max(peak, RssBytes());
                    }
                }

                var elapsed = stopwatch.Elapsed;
                var result = new
                {
                    benchmark = Name,
                    keys,
                    batchSize,
                    keyBytes = KeyBytes,
                    valueBytes = ValueBytes,
                    seconds = Math.Round(elapsed.TotalSeconds, 1),
                    putsPerSecond = Math.Round(keys / elapsed.TotalSeconds),
                    baselineMiB = baseline >> 20,
                    peakRssMiB = peak >> 20,
                    boundMiB = bound >> 20,
                    blockCacheMiB = options.BlockCacheBytes >> 20,
                    memtablesMiB = options.MemtableBytesPerInstance >> 20,
                    overheadMiB = overheadBytes >> 20,
                    estimatedKeys = store.ApproximateNumEntries,
                    loadAverage = LoadAverage(),
                    withinBound = peak <= bound,
                };

                Console.WriteLine(
                    $"rocksdb-memory: {keys:N0} keys in {result.seconds} s ({result.putsPerSecond:N0} puts/s); RSS baseline {result.baselineMiB} MiB, " +
                    $"peak {result.peakRssMiB} MiB, bound {result.boundMiB} MiB (cache {result.blockCacheMiB} + memtables {result.memtablesMiB} + overhead {result.overheadMiB}); " +
                    $"estimate-num-keys {result.estimatedKeys:N0}; {(result.withinBound ? "within bound" : "BOUND EXCEEDED")}");
                if (json is not null)
                {
                    File.WriteAllText(json, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
                }

                return Task.FromResult(result.withinBound ? 0 : 1);
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

    private static long RssBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
