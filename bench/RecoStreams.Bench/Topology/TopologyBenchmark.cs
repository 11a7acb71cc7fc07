using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// The full RecoStreams topology (RocksDB stores, production defaults) on librdkafka's mock cluster.
/// (1) Maximum rate: N events are produced up front, then the application starts; the rate runs from the
/// first event folded into a profile to the moment every event is applied and the by-item side has applied
/// every signal and co-visitation pair they produced. It is reported next to the runtime's count
/// benchmark measured in the same process. (2) Freshness: the same application then receives events at
/// half that rate, stamped with the current time, and every recommendation-updated is matched to the
/// events it answers (see <see cref="FreshnessProbe"/>).
/// </summary>
internal sealed class TopologyBenchmark : IBenchmarkCommand
{
    private const string App = "topology-bench";
    private const int Partitions = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Name => "topology";

    public async Task<int> RunAsync(string[] args)
    {
        var events = Int(args, "--events", 20_000);
        var freshnessSeconds = Int(args, "--freshness-seconds", 20);
        var threads = Int(args, "--threads", 1);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");

        var countRate = CountBenchmark.RocksDbCountRate(events);
        Console.WriteLine($"count topology (RocksDB):  {countRate,10:N0} records/s");

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = App }, registry);
        using var cluster = new MockCluster();
        foreach (var (topic, _, keyed) in reco.Topics.External)
        {
            cluster.CreateTopic(topic, keyed ? Partitions : 1);
        }

        var workload = new SyntheticWorkload(items: 2_000, users: 5_000);
        var eventSerde = InputSerdes.EngagementEvents(registry);
        var catalogSerde = InputSerdes.CatalogItems(registry);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
        }).Build();
        foreach (var item in workload.Catalog)
        {
            Produce(producer, RecoTopics.CatalogItems, item.ItemId, catalogSerde.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)));
        }

        // Stamped a minute back so the whole backlog is inside the validator's future tolerance and the windows.
        var backlogAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < events; i++)
        {
            var e = workload.NextEvent(backlogAt);
            Produce(producer, RecoTopics.EngagementEvents, e.UserId, eventSerde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
        }

        Flush(producer);
        var stateDirectory = RocksDbBenchSupport.TempStateDirectory("topology");
        var options = new StreamsOptions
        {
            ApplicationId = App,
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = stateDirectory,
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
            NumStreamThreads = threads,
        };
        using var admin = new MockTopicAdmin(cluster);
        using var app = new KafkaStreams(reco.Topology, options, admin) { Log = _ => { } };
        app.Start();
        var (maxRate, cpuPerEventUs, bytesPerEvent) = MeasureBacklog(app, reco.Counters, events);
        Console.WriteLine($"full topology:             {maxRate,10:N0} events/s  ({maxRate / countRate:P1} of the count topology)");
        Console.WriteLine($"  process CPU {cpuPerEventUs:N0} µs and {bytesPerEvent:N0} bytes allocated (all threads) per event");

        var targetRate = maxRate / 2;
        var (p50, p99, samples, unanswered) = MeasureFreshness(cluster, registry, producer, eventSerde, workload, targetRate, freshnessSeconds);
        Console.WriteLine(
            $"freshness at {targetRate:N0} events/s for {freshnessSeconds} s: p50 {p50:N0} ms, p99 {p99:N0} ms " +
            $"({samples:N0} events answered by an update, {unanswered:N0} whose list did not change)");

        app.Close(TimeSpan.FromSeconds(60));
        Directory.Delete(stateDirectory, recursive: true);
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                benchmark = Name,
                events,
                partitions = Partitions,
                streamThreads = threads,
                countRocksDbRecordsPerSecond = countRate,
                topologyEventsPerSecond = maxRate,
                topologyToCountRatio = maxRate / countRate,
                processCpuMicrosecondsPerEvent = cpuPerEventUs,
                allocatedBytesPerEvent = bytesPerEvent,
                loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
                freshnessRateEventsPerSecond = targetRate,
                freshnessSeconds,
                freshnessP50Ms = p50,
                freshnessP99Ms = p99,
                freshnessSamples = samples,
                eventsWithoutUpdate = unanswered,
            }));
        }

        return 0;
    }

    /// <summary>Events/s over the backlog, with the process's CPU time and allocations per event over the same span.</summary>
    private static (double Rate, double CpuMicrosecondsPerEvent, double AllocatedBytesPerEvent) MeasureBacklog(
        KafkaStreams app, StreamCounters counters, int events)
    {
        var deadline = DateTime.UtcNow + Timeout;
        Stopwatch? clock = null;
        var (cpuAtStart, bytesAtStart) = (TimeSpan.Zero, 0L);
        while (counters.EventsApplied < events || counters.ItemUpdatesApplied < counters.ItemUpdatesSent)
        {
            if (DateTime.UtcNow > deadline || app.State == KafkaStreamsState.Error)
            {
                throw new TimeoutException(
                    $"The topology applied {counters.EventsApplied} of {events} events and {counters.ItemUpdatesApplied} of " +
                    $"{counters.ItemUpdatesSent} item updates ({app.State}).");
            }

            if (clock is null && counters.EventsApplied > 0)
            {
                clock = Stopwatch.StartNew();
                (cpuAtStart, bytesAtStart) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes());
            }

            Thread.Sleep(2);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var bytes = GC.GetTotalAllocatedBytes() - bytesAtStart;
        return (events / clock!.Elapsed.TotalSeconds, cpu.TotalMicroseconds / events, (double)bytes / events);
    }

    private static (double P50, double P99, int Samples, int Unanswered) MeasureFreshness(
        MockCluster cluster,
        EmbeddedSchemaRegistry registry,
        IProducer<string, byte[]> producer,
        ConfluentAvroSerde<EngagementEvent, Domain.EngagementEvent> serde,
        SyntheticWorkload workload,
        double rate,
        int seconds)
    {
        using var probe = new FreshnessProbe(cluster.BootstrapServers, Partitions, registry);

        // Drain what the backlog still emits before the first measured event.
        probe.ConsumeUntil(DateTime.UtcNow.AddSeconds(3));
        var end = DateTime.UtcNow.AddSeconds(seconds);
        var reader = Task.Run(() => probe.ConsumeUntil(end.AddSeconds(5)));
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (DateTime.UtcNow < end)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var e = workload.NextEvent(DateTimeOffset.UtcNow);
                probe.Produced(e.UserId, e.OccurredAtMs);
                Produce(producer, RecoTopics.EngagementEvents, e.UserId, serde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
            }

            producer.Poll(TimeSpan.FromMilliseconds(5));
        }

        Flush(producer);
        reader.Wait();
        return probe.Summary();
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, string key, byte[] value)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private static void Flush(IProducer<string, byte[]> producer)
    {
        if (producer.Flush(Timeout) != 0)
        {
            throw new TimeoutException("The mock cluster did not acknowledge every benchmark record.");
        }
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(RocksDbBenchSupport.OptionValue(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
