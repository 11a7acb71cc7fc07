using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.Bench;

/// <summary>
/// `exposure-producer`: what producing one exposure costs the process per setting of the exposure producer, against
/// the in-process mock cluster (its broker's CPU counts too): encoded 10-item exposures produced at about the rate of a
/// busy host (<c>--per-burst</c> every 10 ms, default 100), the process's CPU per exposure less that of the same time
/// spent idle with every producer open. Settings: the exposure sink's own (<see cref="KafkaExposureSink.ProducerConfig"/>
/// with the default <see cref="ExposureWriterOptions.Linger"/>), then one change each: lz4; no delivery reports (only a
/// price: the reports are how lost exposures are counted, and Confluent.Kafka refuses librdkafka's
/// <c>delivery.report.only.error</c>); linger 5 and 100 ms (librdkafka sends one produce request per partition and batch,
/// so the linger sets how many requests, reports and broker appends a second of exposures costs). Each round runs every
/// setting, starting one further on each time.
/// </summary>
internal sealed class ExposureProducerBenchmark : IBenchmarkCommand
{
    private static readonly TimeSpan BurstInterval = TimeSpan.FromMilliseconds(10);

    public string Name => "exposure-producer";

    public async Task<int> RunAsync(string[] args)
    {
        var perRun = int.Parse(RocksDbBenchSupport.OptionValue(args, "--exposures", "50000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(RocksDbBenchSupport.OptionValue(args, "--rounds", "4"), CultureInfo.InvariantCulture);
        var perBurst = int.Parse(RocksDbBenchSupport.OptionValue(args, "--per-burst", "100"), CultureInfo.InvariantCulture);
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.RecommendationServed, 6);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), CancellationToken.None);
        var serializer = new ConfluentAvroSerializer<Exposure>(ExposureContract.Instance, registry);
        var schemaId = await serializer.PrepareAsync(RecoTopics.RecommendationServed, isKey: false, CancellationToken.None);
        var values = Enumerable.Range(0, 1_000).Select(i => serializer.Serialize(ExposureOf(i), schemaId)).ToArray();
        var streams = new StreamsOptions { ApplicationId = "reco-bench", BootstrapServers = cluster.BootstrapServers };
        (string Name, Action<ProducerConfig> Change)[] settings =
        [
            ("idle (no exposures)", _ => { }),
            ("the sink's settings", _ => { }),
            ("lz4", c => c.CompressionType = CompressionType.Lz4),
            ("no delivery reports", c => c.Set("dotnet.producer.enable.delivery.reports", "false")),
            ("linger 5 ms", c => c.LingerMs = 5),
            ("linger 100 ms", c => c.LingerMs = 100),
        ];
        var producers = settings.Select(s =>
        {
            var config = KafkaExposureSink.ProducerConfig(streams, new ExposureWriterOptions().Linger);
            s.Change(config);
            return UserKeyedProducer.Build(config, _ => { });
        }).ToArray();
        long lost = 0;
        Action<DeliveryReport<string, byte[]>> onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref lost);
            }
        };

        var cpu = settings.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            // Each round starts one setting further on, so none always runs in the same place.
            for (var k = 0; k < settings.Length; k++)
            {
                var v = (k + round + 1) % settings.Length;
                var used = Run(producers[v], v == 0 ? 0 : perRun, perRun, perBurst, values, settings[v].Name == "no delivery reports" ? null : onDelivery);
                if (round >= 0)
                {
                    cpu[v].Add(used.TotalMicroseconds / perRun);
                }
            }
        }

        var idle = Median(cpu[0]);
        Console.WriteLine($"process CPU per exposure at ~{perBurst * 1000 / BurstInterval.TotalMilliseconds:N0} exposures/s, {rounds} rounds of {perRun:N0}, less idle ({idle:F2} µs over the same time):");
        for (var v = 1; v < settings.Length; v++)
        {
            Console.WriteLine($"  {settings[v].Name,-22} median {Median(cpu[v]) - idle:F2} µs (each round, idle not taken off: {string.Join(", ", cpu[v].Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))})");
        }

        Console.WriteLine($"undelivered: {Interlocked.Read(ref lost)}");
        foreach (var producer in producers)
        {
            producer.Dispose();
        }

        return 0;
    }

    /// <summary>Produces <paramref name="count"/> exposures paced over the time <paramref name="paced"/> would take, then flushes; the process CPU used.</summary>
    private static TimeSpan Run(IProducer<string, byte[]> producer, int count, int paced, int perBurst, byte[][] values, Action<DeliveryReport<string, byte[]>>? onDelivery)
    {
        var started = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < paced; i++)
        {
            if (i < count)
            {
                var message = new Message<string, byte[]> { Key = $"user-{i % 1_000}", Value = values[i % values.Length] };
                if (onDelivery is null)
                {
                    producer.Produce(RecoTopics.RecommendationServed, message);
                }
                else
                {
                    producer.Produce(RecoTopics.RecommendationServed, message, onDelivery);
                }
            }

            if (i % perBurst == perBurst - 1)
            {
                Thread.Sleep(BurstInterval);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        Thread.Sleep(200); // the last delivery reports and the broker's share of the last batch
        return Process.GetCurrentProcess().TotalProcessorTime - started;
    }

    private static Exposure ExposureOf(int i) => new(
        RequestIds.New(inExperiment: false),
        $"user-{i % 1_000}",
        null,
        null,
        null,
        "recostreams-hybrid-v1",
        [.. Enumerable.Range(0, 10).Select(p => new ServedItem($"item-{(i * 7 + p * 13) % 2_000}", p + 1))],
        1_700_000_000_000 + i);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
