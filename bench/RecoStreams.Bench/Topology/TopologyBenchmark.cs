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
using RecoStreams.Streams.Kafka.Clients;
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
/// first event folded into a profile to the moment every event is applied, the by-item side has applied
/// every signal and co-visitation pair they produced, and no user awaits a catch-up recompute (the rate to the
/// last event applied is reported beside it). It is reported next to the runtime's count
/// benchmark measured in the same process. (2) Freshness: the same application then receives events at
/// half that rate, stamped with the current time, and every recommendation-updated is matched to the
/// events it answers (see <see cref="FreshnessProbe"/>). With --preload-events P, P events (user i % users each, over
/// --users and --items) are applied first, and every list they owe is recomputed, before the backlog: the cost per
/// event with that much state, with resident memory and state on disk after the backlog. The backlog's users are drawn
/// at random, so over few users a user's events coalesce into one list, and over many each costs its own; with
/// --distinct-user-events N (0 by default, at most --users) a second backlog of N events, each of a different user,
/// follows the first: every event one list at any number of users, the cost per event of the same work with more state.
/// </summary>
internal sealed class TopologyBenchmark : IBenchmarkCommand
{
    private const string App = "topology-bench";
    private const int Partitions = 4;

    /// <summary>
    /// The application's fetch wait on the mock. librdkafka's mock answers a fetch that finds no data only after the
    /// whole fetch.wait.max.ms (500 ms by default; rdkafka_mock_handlers.c: "we should cut the wait short ... but that
    /// is too much of a hassle"), where a broker answers as soon as data arrives. At the default, every caught-up hop
    /// (events in, the repartition round trip) waited up to half a second on the mock alone. The probe uses 10 ms too.
    /// </summary>
    private const int MockFetchWaitMs = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Longer than a recompute pass interval (250 ms), so a pass that still leaves users for catch-up shows.</summary>
    private static readonly TimeSpan CaughtUpConfirmation = TimeSpan.FromMilliseconds(500);

    public string Name => "topology";

    public async Task<int> RunAsync(string[] args)
    {
        var events = Int(args, "--events", 20_000);
        var freshnessSeconds = Int(args, "--freshness-seconds", 20);
        var threads = Int(args, "--threads", 1);
        var users = Int(args, "--users", 5_000);
        var items = Int(args, "--items", 2_000);
        var fetchWaitMs = Int(args, "--fetch-wait-ms", MockFetchWaitMs);
        var preload = Int(args, "--preload-events", 0);
        var preloadTimeout = TimeSpan.FromMinutes(Int(args, "--preload-timeout-minutes", 40));
        var distinctUserEvents = Int(args, "--distinct-user-events", 0);
        if (distinctUserEvents > users)
        {
            throw new ArgumentException($"--distinct-user-events ({distinctUserEvents}) cannot exceed --users ({users}).");
        }

        var defaults = new Processors.Options.RecommenderOptions();
        var readCache = Int(args, "--item-read-cache", defaults.ItemReadCacheCapacity);
        var catchUpAgeMs = Int(args, "--catch-up-event-age-ms", (int)defaults.CatchUpEventAge.TotalMilliseconds);
        var catchUpIntervalMs = Int(args, "--catch-up-interval-ms", (int)defaults.CatchUpRecomputeInterval.TotalMilliseconds);
        var commitIntervalMs = Int(args, "--commit-interval-ms", (int)StreamsOptions.DefaultCommitInterval(ProcessingGuarantee.AtLeastOnce).TotalMilliseconds);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");

        var countRate = CountBenchmark.RocksDbCountRate(events);
        Console.WriteLine($"count topology (RocksDB):  {countRate,10:N0} records/s");

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        var reco = RecoStreamsTopology.Build(
            new RecoTopologyOptions
            {
                ApplicationId = App,
                Recommender = new()
                {
                    ItemReadCacheCapacity = readCache,
                    CatchUpEventAge = TimeSpan.FromMilliseconds(catchUpAgeMs),
                    CatchUpRecomputeInterval = TimeSpan.FromMilliseconds(catchUpIntervalMs),
                },
            },
            registry);
        using var cluster = new MockCluster();
        foreach (var (topic, _, keyed) in reco.Topics.External)
        {
            cluster.CreateTopic(topic, keyed ? Partitions : 1);
        }

        var workload = new SyntheticWorkload(items, users);
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
        void ProduceEvent(Domain.EngagementEvent e) =>
            Produce(producer, RecoTopics.EngagementEvents, e.UserId, eventSerde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)));
        void ProduceBacklog()
        {
            for (var i = 0; i < events; i++)
            {
                ProduceEvent(workload.NextEvent(backlogAt));
            }

            Flush(producer);
        }

        if (preload == 0)
        {
            ProduceBacklog();
        }

        var stateDirectory = RocksDbBenchSupport.TempStateDirectory("topology");
        var options = new StreamsOptions
        {
            ApplicationId = App,
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = stateDirectory,
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
            NumStreamThreads = threads,
            CommitInterval = TimeSpan.FromMilliseconds(commitIntervalMs),
        };
        using var admin = new MockTopicAdmin(cluster);
        var clientOptions = KafkaClientOptions.From(options) with
        {
            ConsumerOverrides = new Dictionary<string, string> { ["fetch.wait.max.ms"] = fetchWaitMs.ToString(CultureInfo.InvariantCulture) },
        };
        using var app = new KafkaStreams(reco.Topology, options, clientOptions, admin) { Log = _ => { } };
        using var breakdown = new ThreadBreakdown();
        app.Start();
        var preloadSeconds = 0.0;
        if (preload > 0)
        {
            var clock = Stopwatch.StartNew();
            Preload(app, reco.Counters, producer, preload, preloadTimeout, i => ProduceEvent(workload.NextEventOf(i % users, backlogAt)));
            preloadSeconds = clock.Elapsed.TotalSeconds;

            // The preload's last users wait for a catch-up pass; their lists belong to the preload, not to the backlog.
            AwaitListsCaughtUp(app, reco.Counters, preload);
            Console.WriteLine($"preload: {preload:N0} events over {Math.Min(preload, users):N0} users and {items:N0} items applied in {preloadSeconds:N0} s");
            ProduceBacklog();
        }

        var backlog = MeasureBacklog(app, reco.Counters, preload, events, breakdown);
        var (maxRate, cpuPerEventUs, bytesPerEvent, loopShares, cpuByThread) =
            (backlog.CaughtUpRate, backlog.CpuMicrosecondsPerEvent, backlog.AllocatedBytesPerEvent, backlog.LoopShares, backlog.CpuByThread);
        Console.WriteLine($"full topology:             {maxRate,10:N0} events/s  ({maxRate / countRate:P1} of the count topology) with lists caught up");
        PrintBacklog(backlog, countRate);
        BacklogMeasure? distinct = null;
        if (distinctUserEvents > 0)
        {
            var sample = new Random(7);
            var drawn = Enumerable.Range(0, users).ToArray();
            for (var i = 0; i < distinctUserEvents; i++)
            {
                var j = sample.Next(i, users);
                (drawn[i], drawn[j]) = (drawn[j], drawn[i]);
                ProduceEvent(workload.NextEventOf(drawn[i], backlogAt));
            }

            Flush(producer);
            distinct = MeasureBacklog(app, reco.Counters, preload + events, distinctUserEvents, breakdown);
            Console.WriteLine($"backlog of {distinctUserEvents:N0} events, each of a different user: {distinct.CaughtUpRate,10:N0} events/s with lists caught up");
            PrintBacklog(distinct, countRate);
        }

        var (rssMiB, peakRssMiB, stateMiB) = (Environment.WorkingSet / 1048576.0, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, DirectoryBytes(stateDirectory) / 1048576.0);
        Console.WriteLine($"  resident {rssMiB:N0} MiB (peak {peakRssMiB:N0} MiB, the mock cluster included), state on disk {stateMiB:N0} MiB");

        var targetRate = maxRate / 2;
        // The stream side of freshness: from a user's last event to the recompute that emits its list.
        var emitLagsMs = new List<double>();
        void OnEmitted(TimeSpan lag)
        {
            lock (emitLagsMs)
            {
                emitLagsMs.Add(lag.TotalMilliseconds);
            }
        }

        var beforeFreshness = breakdown.Take();
        reco.Counters.RecommendationFreshness += OnEmitted;
        var (p50, p99, samples, unanswered) = MeasureFreshness(cluster, registry, producer, eventSerde, workload, targetRate, freshnessSeconds);
        reco.Counters.RecommendationFreshness -= OnEmitted;
        var afterFreshness = breakdown.Take();
        var freshnessLoopShares = ThreadBreakdown.LoopShares(beforeFreshness, afterFreshness);
        var freshnessCommitsMs = breakdown.CommitsMs(beforeFreshness, afterFreshness);
        List<double> emitLags;
        lock (emitLagsMs)
        {
            emitLags = emitLagsMs.Order().ToList();
        }

        var (emitP50, emitP99) = (Percentiles.NearestRank(emitLags, 0.50), Percentiles.NearestRank(emitLags, 0.99));
        Console.WriteLine(
            $"freshness at {targetRate:N0} events/s for {freshnessSeconds} s: p50 {p50:N0} ms, p99 {p99:N0} ms " +
            $"({samples:N0} events answered by an update, {unanswered:N0} whose list did not change)");
        Console.WriteLine($"  stream threads' wall time: {string.Join(", ", freshnessLoopShares.Select(p => $"{p.Key} {p.Value:P1}"))}");
        Console.WriteLine($"  last event to list emitted (stream side): p50 {emitP50:N0} ms, p99 {emitP99:N0} ms");
        Console.WriteLine($"  commits in the window: {string.Join(", ", freshnessCommitsMs.Select(ms => $"{ms:N0} ms"))}");
        var commitsMs = breakdown.CommitsMs();

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
                users,
                items,
                fetchWaitMs,
                preloadEvents = preload,
                itemReadCacheCapacity = readCache,
                commitIntervalMs,
                catchUpEventAgeMs = catchUpAgeMs,
                catchUpRecomputeIntervalMs = catchUpIntervalMs,
                preloadSeconds,
                residentMiB = rssMiB,
                peakResidentMiB = peakRssMiB,
                stateOnDiskMiB = stateMiB,
                countRocksDbRecordsPerSecond = countRate,
                topologyEventsPerSecond = maxRate,
                topologyEventsAppliedPerSecond = backlog.AppliedRate,
                listsRecomputedPerEvent = backlog.ListsRecomputedPerEvent,
                listsEmittedPerEvent = backlog.ListsEmittedPerEvent,
                mostUsersAwaitingCatchUp = backlog.MostUsersAwaitingCatchUp,
                topologyToCountRatio = maxRate / countRate,
                processCpuMicrosecondsPerEvent = cpuPerEventUs,
                allocatedBytesPerEvent = bytesPerEvent,
                gcCollections = new { gen0 = backlog.Gc.Gen0, gen1 = backlog.Gc.Gen1, gen2 = backlog.Gc.Gen2 },
                gcPausedMs = backlog.Gc.PausedMs,
                streamThreadWallShares = loopShares,
                cpuSecondsByThreadName = cpuByThread.ToDictionary(t => t.Key, t => t.Value),
                loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
                freshnessRateEventsPerSecond = targetRate,
                freshnessSeconds,
                freshnessP50Ms = p50,
                freshnessP99Ms = p99,
                freshnessStreamThreadWallShares = freshnessLoopShares,
                lastEventToEmitP50Ms = emitP50,
                lastEventToEmitP99Ms = emitP99,
                freshnessSamples = samples,
                eventsWithoutUpdate = unanswered,
                freshnessCommitsMs,
                commitsMs,
                distinctUserBacklog = distinct is null ? null : new
                {
                    events = distinctUserEvents,
                    eventsPerSecond = distinct.CaughtUpRate,
                    eventsAppliedPerSecond = distinct.AppliedRate,
                    listsRecomputedPerEvent = distinct.ListsRecomputedPerEvent,
                    listsEmittedPerEvent = distinct.ListsEmittedPerEvent,
                    mostUsersAwaitingCatchUp = distinct.MostUsersAwaitingCatchUp,
                    processCpuMicrosecondsPerEvent = distinct.CpuMicrosecondsPerEvent,
                    allocatedBytesPerEvent = distinct.AllocatedBytesPerEvent,
                    gcCollections = new { gen0 = distinct.Gc.Gen0, gen1 = distinct.Gc.Gen1, gen2 = distinct.Gc.Gen2 },
                    gcPausedMs = distinct.Gc.PausedMs,
                    streamThreadWallShares = distinct.LoopShares,
                    cpuSecondsByThreadName = distinct.CpuByThread.ToDictionary(t => t.Key, t => t.Value),
                },
            }));
        }

        return 0;
    }

    /// <summary>
    /// Puts <paramref name="preload"/> events (user i % users each) into state before the measured backlog, in chunks
    /// the mock keeps: it holds at most 100,000 messages or 5 MiB per partition and drops the oldest, so neither the
    /// events nor the item updates they cause may run far ahead of the application.
    /// </summary>
    private static void Preload(
        KafkaStreams app, StreamCounters counters, IProducer<string, byte[]> producer, int preload, TimeSpan timeout, Action<int> produce)
    {
        const int Chunk = 5_000;
        const int MaxUnapplied = 10_000;
        const int MaxItemUpdatesUnapplied = 20_000;
        const int ReportEvery = 100_000;
        var deadline = DateTime.UtcNow + timeout;
        var (reported, sinceReport) = (0L, Stopwatch.StartNew());
        for (var sent = 0; sent < preload;)
        {
            while (sent - counters.EventsApplied > MaxUnapplied || counters.ItemUpdatesSent - counters.ItemUpdatesApplied > MaxItemUpdatesUnapplied)
            {
                ThrowIfStuck(app, counters, preload, deadline);
                Thread.Sleep(20);
            }

            // A long preload says how far it is, and whether its rate falls as the state grows.
            if (counters.EventsApplied - reported >= ReportEvery)
            {
                Console.WriteLine(
                    $"  preloaded {counters.EventsApplied:N0} events, {(counters.EventsApplied - reported) / sinceReport.Elapsed.TotalSeconds:N0} events/s since the last line");
                (reported, sinceReport) = (counters.EventsApplied, Stopwatch.StartNew());
            }

            var end = Math.Min(preload, sent + Chunk);
            for (; sent < end; sent++)
            {
                produce(sent);
            }

            producer.Poll(TimeSpan.Zero);
        }

        Flush(producer);
        while (counters.EventsApplied < preload || counters.ItemUpdatesApplied < counters.ItemUpdatesSent)
        {
            ThrowIfStuck(app, counters, preload, deadline);
            Thread.Sleep(20);
        }
    }

    private static void PrintBacklog(BacklogMeasure backlog, double countRate)
    {
        Console.WriteLine($"  {backlog.AppliedRate:N0} events/s to the last event applied ({backlog.AppliedRate / countRate:P1})");
        Console.WriteLine($"  {backlog.ListsRecomputedPerEvent:N2} lists recomputed and {backlog.ListsEmittedPerEvent:N2} changed lists emitted per event; at most {backlog.MostUsersAwaitingCatchUp:N0} users awaited a catch-up pass");
        Console.WriteLine($"  process CPU {backlog.CpuMicrosecondsPerEvent:N0} µs and {backlog.AllocatedBytesPerEvent:N0} bytes allocated (all threads) per event");
        Console.WriteLine($"  stream threads' wall time: {string.Join(", ", backlog.LoopShares.Select(p => $"{p.Key} {p.Value:P1}"))}");
        Console.WriteLine(
            $"  GC over the backlog: {backlog.Gc.Gen0:N0} collections ({backlog.Gc.Gen1:N0} of gen 1 or 2, {backlog.Gc.Gen2:N0} of gen 2), " +
            $"paused {backlog.Gc.PausedMs:N0} ms ({backlog.Gc.PausedMs / backlog.CaughtUpMs:P1} of its wall time)");
        Console.WriteLine($"  CPU by thread: {string.Join(", ", backlog.CpuByThread.Take(8).Select(t => $"{t.Key} {t.Value:N2} s"))}");
    }

    /// <summary>Waits until no user awaits a catch-up pass, seen twice <see cref="CaughtUpConfirmation"/> apart.</summary>
    private static void AwaitListsCaughtUp(KafkaStreams app, StreamCounters counters, long events)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var quietSince = Stopwatch.StartNew();
        while (quietSince.Elapsed < CaughtUpConfirmation)
        {
            ThrowIfStuck(app, counters, events, deadline);
            if (counters.UsersAwaitingCatchUp > 0)
            {
                quietSince.Restart();
            }

            Thread.Sleep(2);
        }
    }

    private static void ThrowIfStuck(KafkaStreams app, StreamCounters counters, long events, DateTime deadline)
    {
        if (DateTime.UtcNow > deadline || app.State == KafkaStreamsState.Error)
        {
            throw new TimeoutException(
                $"The topology applied {counters.EventsApplied} of {events} events and {counters.ItemUpdatesApplied} of " +
                $"{counters.ItemUpdatesSent} item updates ({app.State}).");
        }
    }

    private static long DirectoryBytes(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>
    /// Events/s over the backlog: until every event is applied and the by-item side has caught up ("applied"), and until,
    /// besides, no user awaits a catch-up pass of the recompute (RecommenderOptions.CatchUpEventAge), seen twice
    /// <see cref="CaughtUpConfirmation"/> apart ("lists caught up"). The process's CPU time and allocations per event,
    /// the stream threads' loop phases and the CPU time of each thread are measured to the later end.
    /// </summary>
    private static BacklogMeasure MeasureBacklog(KafkaStreams app, StreamCounters counters, int preloaded, int events, ThreadBreakdown breakdown)
    {
        var deadline = DateTime.UtcNow + Timeout;
        Stopwatch? clock = null;
        var (cpuAtStart, bytesAtStart) = (TimeSpan.Zero, 0L);
        var (gcAtStart, gcAtEnd) = (GcTotals.Now(), GcTotals.Now());
        ThreadBreakdown.Snapshot? atStart = null;
        var (emittedAtStart, recomputedAtStart, mostAwaiting) = (0L, 0L, 0L);
        while (counters.EventsApplied < preloaded + events || counters.ItemUpdatesApplied < counters.ItemUpdatesSent)
        {
            ThrowIfStuck(app, counters, preloaded + events, deadline);
            if (clock is null && counters.EventsApplied > preloaded)
            {
                clock = Stopwatch.StartNew();
                (cpuAtStart, bytesAtStart, gcAtStart) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), GcTotals.Now());
                atStart = breakdown.Take();
                (emittedAtStart, recomputedAtStart) = (counters.RecommendationsEmitted, counters.ListsRecomputed);
            }

            mostAwaiting = Math.Max(mostAwaiting, counters.UsersAwaitingCatchUp);
            Thread.Sleep(2);
        }

        var applied = clock!.Elapsed;
        TimeSpan? caughtUp = null;
        var (cpuAtEnd, bytesAtEnd, atEnd, recomputedAtEnd) = (TimeSpan.Zero, 0L, atStart!, 0L);
        while (caughtUp is not { } at || clock.Elapsed - at < CaughtUpConfirmation)
        {
            ThrowIfStuck(app, counters, preloaded + events, deadline);
            if (counters.UsersAwaitingCatchUp > 0)
            {
                caughtUp = null;
            }
            else if (caughtUp is null)
            {
                caughtUp = clock.Elapsed;
                (cpuAtEnd, bytesAtEnd, atEnd, recomputedAtEnd) =
                    (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), breakdown.Take(), counters.ListsRecomputed);
                gcAtEnd = GcTotals.Now();
            }

            Thread.Sleep(2);
        }

        return new BacklogMeasure(
            (double)(recomputedAtEnd - recomputedAtStart) / events,
            (double)(counters.RecommendationsEmitted - emittedAtStart) / events,
            mostAwaiting,
            events / applied.TotalSeconds,
            events / caughtUp.Value.TotalSeconds,
            (cpuAtEnd - cpuAtStart).TotalMicroseconds / events,
            (double)(bytesAtEnd - bytesAtStart) / events,
            ThreadBreakdown.LoopShares(atStart!, atEnd),
            ThreadBreakdown.CpuByThreadName(atStart!, atEnd),
            gcAtEnd.Since(gcAtStart),
            caughtUp.Value.TotalMilliseconds);
    }

    /// <summary>
    /// Collections (GC.CollectionCount(n) counts those of generation n or older) and the time the runtime paused managed
    /// threads for them, since the process started.
    /// </summary>
    private sealed record GcTotals(int Gen0, int Gen1, int Gen2, double PausedMs)
    {
        public static GcTotals Now() =>
            new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

        public GcTotals Since(GcTotals start) => new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, PausedMs - start.PausedMs);
    }

    private sealed record BacklogMeasure(
        double ListsRecomputedPerEvent,
        double ListsEmittedPerEvent,
        long MostUsersAwaitingCatchUp,
        double AppliedRate,
        double CaughtUpRate,
        double CpuMicrosecondsPerEvent,
        double AllocatedBytesPerEvent,
        Dictionary<string, double> LoopShares,
        List<KeyValuePair<string, double>> CpuByThread,
        GcTotals Gc,
        double CaughtUpMs);

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
