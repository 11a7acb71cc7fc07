using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// The recommendation path without Kafka or stores: the synthetic workload is folded into profiles and item
/// aggregates by <see cref="OfflineReplay"/> (the same domain code the topology runs), then one list is built
/// per user. Reports CPU time and bytes allocated on the benchmark thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) per ingested event and per list, after a warm-up pass
/// over the same users, so JIT tiering and the first decode of each item's stats are not counted.
/// The allocation budget (--max-bytes-per-event for ingest, --max-bytes-per-list for a list) is checked on those
/// same per-thread counts: the command exits with 1 when either is exceeded, so a change that allocates more per
/// event shows as a failed run rather than as a number to compare by eye.
/// </summary>
internal sealed class RecommendBenchmark : IBenchmarkCommand
{
    // Bytes the benchmark thread may allocate per ingested event and per list (5,000 users, 2,000 items, 10 events
    // a user): above the measured 3.5 KB and 6.1 KB (after issue #13's sixth pass; 15.8 KB after the fifth, 68.5 KB
    // after the third, 176 KB before) with room for noise only.
    private const int DefaultIngestBudgetBytes = 4_096;
    private const int DefaultListBudgetBytes = 8_192;

    public string Name => "recommend";

    public async Task<int> RunAsync(string[] args)
    {
        var events = Int(args, "--events", 50_000);
        var users = Int(args, "--users", 5_000);
        var items = Int(args, "--items", 2_000);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        var ingestBudget = Int(args, "--max-bytes-per-event", DefaultIngestBudgetBytes);
        var listBudget = Int(args, "--max-bytes-per-list", DefaultListBudgetBytes);

        var workload = new SyntheticWorkload(items, users);
        // A fixed start: with the seeded workload, every run folds the same events at the same times, so builds can be
        // compared by their lists' digest (absolute times enter the scores through decay and rounding).
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new List<EngagementEvent>(events);
        for (var i = 0; i < events; i++)
        {
            log.Add(workload.NextEvent(start.AddMilliseconds(i * 100L)));
        }

        var replay = new OfflineReplay(new ReplayOptions(), workload.Catalog);
        var ingest = Measure(() => replay.Ingest(log));
        var userIds = log.Select(e => e.UserId).Distinct().ToList();
        var digest = Digest(replay, userIds);
        var lists = Measure(() => BuildLists(replay, userIds));

        var ingestUs = ingest.Cpu.TotalMicroseconds / events;
        var ingestBytes = (double)ingest.Bytes / events;
        var listUs = lists.Cpu.TotalMicroseconds / userIds.Count;
        var listBytes = (double)lists.Bytes / userIds.Count;
        Console.WriteLine($"ingest: {ingestUs:N1} µs CPU and {ingestBytes:N0} bytes allocated per event ({events:N0} events)");
        Console.WriteLine($"lists:  {listUs:N1} µs CPU and {listBytes:N0} bytes allocated per list ({userIds.Count:N0} users, {items:N0} items)");
        Console.WriteLine($"lists digest: {digest}");
        var withinBudget = ingestBytes <= ingestBudget && listBytes <= listBudget;
        Console.WriteLine(
            $"allocation budget: {ingestBudget:N0} bytes per event, {listBudget:N0} per list: {(withinBudget ? "within" : "EXCEEDED")}");
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                benchmark = Name,
                events,
                users = userIds.Count,
                items,
                ingestCpuMicrosecondsPerEvent = ingestUs,
                ingestAllocatedBytesPerEvent = ingestBytes,
                listCpuMicroseconds = listUs,
                listAllocatedBytes = listBytes,
                ingestBudgetBytes = ingestBudget,
                listBudgetBytes = listBudget,
                withinBudget,
                listsDigest = digest,
                loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
            }));
        }

        return withinBudget ? 0 : 1;
    }

    private static void BuildLists(OfflineReplay replay, List<string> userIds)
    {
        foreach (var user in userIds)
        {
            replay.Recommend(user);
        }
    }

    /// <summary>
    /// SHA-256 over every list (ids, exact scores, sources, explanations, strategy) of the warm-up pass: two builds
    /// that recommend the same print the same digest, so a change meant to be faster only shows it did not change a list.
    /// </summary>
    private static string Digest(OfflineReplay replay, List<string> userIds)
    {
        var text = new StringBuilder();
        foreach (var user in userIds)
        {
            var list = replay.Recommend(user);
            text.Append(CultureInfo.InvariantCulture, $"{user} {list.Strategy} {list.UserClass}\n");
            foreach (var item in list.Items)
            {
                text.Append(CultureInfo.InvariantCulture, $"{item.ItemId} {BitConverter.DoubleToInt64Bits(item.Score)} {item.Source} {item.Explanation}\n");
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static (TimeSpan Cpu, long Bytes) Measure(Action work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        work();
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - bytes);
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(RocksDbBenchSupport.OptionValue(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
