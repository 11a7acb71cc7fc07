using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;

namespace RecoStreams.Bench;

/// <summary>
/// `exposure`: what exposure logging adds to serving one list, in process and without HTTP noise. Each
/// round times the page a read builds anyway (<see cref="RecommendationsResponse.Page"/> of a 20-item list
/// and its JSON) alone and with the exposure of that page (request id and the exposure handed to the
/// exposure writer, which serialises it to RecommendationServed Avro and produces it to the mock cluster, on the
/// caller's thread once the producer knows its schema id, else on a task of its own), as the endpoints do.
/// Rounds alternate; per call it reports wall-clock percentiles and process CPU time, which includes
/// librdkafka's own threads sending the batches. `--drain-interval-ms N` sets the exposure writer's rest
/// (<see cref="ExposureWriterOptions.DrainInterval"/>; default its default), `--write-inline true|false` whether the
/// caller writes the exposure itself (<see cref="ExposureWriterOptions.WriteInline"/>).
/// </summary>
internal sealed class ExposureBenchmark : IBenchmarkCommand
{
    public string Name => "exposure";

    public async Task<int> RunAsync(string[] args)
    {
        var calls = int.Parse(RocksDbBenchSupport.OptionValue(args, "--calls", "20000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(RocksDbBenchSupport.OptionValue(args, "--rounds", "5"), CultureInfo.InvariantCulture);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        var writer = new ExposureWriterOptions();
        if (RocksDbBenchSupport.OptionValue(args, "--drain-interval-ms") is { } drainMs)
        {
            writer.DrainInterval = TimeSpan.FromMilliseconds(int.Parse(drainMs, CultureInfo.InvariantCulture));
        }

        if (RocksDbBenchSupport.OptionValue(args, "--write-inline") is { } inline)
        {
            writer.WriteInline = bool.Parse(inline);
        }

        using var cluster = new MockCluster();
        var topics = new RecoTopics("reco-bench");
        cluster.CreateTopic(RecoTopics.RecommendationServed, 6);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), CancellationToken.None);
        using var events = new KafkaExperimentEvents(
            new StreamsOptions { ApplicationId = topics.ApplicationId, BootstrapServers = cluster.BootstrapServers }, topics, registry, writer: writer);
        var list = new RecommendationList(
            "user-1",
            [.. Enumerable.Range(1, 20).Select(i => new RecommendedItem($"item-{i}", 1.0 / i, RecommendationSource.Cf, $"because you watched item-{i + 100}"))],
            RecommendationStrategy.Hybrid,
            UserClass.Active,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var page = new Samples();
        var exposed = new Samples();
        await MeasureAsync(list, events: null, 2_000, new Samples());
        await MeasureAsync(list, events, 2_000, new Samples());
        for (var round = 0; round < rounds; round++)
        {
            await MeasureAsync(list, events: null, calls, page);
            await MeasureAsync(list, events, calls, exposed);
        }

        var report = new[] { page.Report("page"), exposed.Report("page + exposure") };
        foreach (var r in report)
        {
            Console.WriteLine($"{r.Path}: p50 {r.P50Us:F1} µs, p99 {r.P99Us:F1} µs, CPU {r.CpuUsPerCall:F1} µs per call ({r.Calls} calls)");
        }

        Console.WriteLine(
            $"added by the exposure: p50 +{report[1].P50Us - report[0].P50Us:F1} µs, p99 +{report[1].P99Us - report[0].P99Us:F1} µs, " +
            $"CPU +{report[1].CpuUsPerCall - report[0].CpuUsPerCall:F1} µs per served list; undelivered {events.ExposuresLost}");
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { benchmark = Name, calls, rounds, drainIntervalMs = writer.DrainInterval.TotalMilliseconds, writeInline = writer.WriteInline, results = report }));
        }

        return 0;
    }

    private static async Task MeasureAsync(RecommendationList list, KafkaExperimentEvents? events, int calls, Samples samples)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = RecommendationsResponse.Page(list, coldStart: false, 0, 10, id => id) with
            {
                RequestId = Guid.CreateVersion7().ToString("D"),
                ExperimentId = "bench",
                Variant = "control",
            };
            _ = JsonSerializer.SerializeToUtf8Bytes(response, QueryJson.Options);
            if (events is not null)
            {
                events.QueueExposure(
                    new Exposure(
                        response.RequestId!, response.UserId, response.ExperimentId, response.Variant, response.ModelVersion, response.Algorithm,
                        [.. response.Items.Select(item => new ServedItem(item.ItemId, item.Rank))], response.GeneratedAt.ToUnixTimeMilliseconds()));
            }

            samples.Wall.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        // Wait for the batches to leave, so their sending counts in this round's CPU time.
        await Task.Delay(50);
        samples.Cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
        samples.Calls += calls;
    }

    private sealed class Samples
    {
        public List<double> Wall { get; } = [];

        public TimeSpan Cpu { get; set; }

        public int Calls { get; set; }

        public Result Report(string path)
        {
            Wall.Sort();
            return new Result(path, Percentiles.NearestRank(Wall, 0.5), Percentiles.NearestRank(Wall, 0.99), Cpu.TotalMicroseconds / Calls, Calls);
        }
    }

    private sealed record Result(string Path, double P50Us, double P99Us, double CpuUsPerCall, int Calls);
}
