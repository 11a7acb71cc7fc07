using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using StreamsTopology = RecoStreams.Streams.Topology;

namespace RecoStreams.Bench;

/// <summary>
/// Kafka Streams' SimpleBenchmark "source + count into a store" on librdkafka's mock cluster: N records
/// (8-byte keys, 100-byte values) consumed by a bare Confluent consumer (the ceiling) and by the
/// runtime's source+count topology with an in-memory and a RocksDB store, and by the same topology
/// written with Streamiz.Kafka.Net, the peer baseline. Rates are measured from the
/// first record to the last, so the group join (about 3 s on the mock) does not count.
/// </summary>
internal sealed class CountBenchmark : IBenchmarkCommand
{
    private const string Topic = "count-input";
    private const int Partitions = 4;
    private const int KeySpace = 10_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public string Name => "count";

    public async Task<int> RunAsync(string[] args)
    {
        var records = int.Parse(RocksDbBenchSupport.OptionValue(args, "--records", "50000"), System.Globalization.CultureInfo.InvariantCulture);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, Partitions);
        var produceSeconds = Produce(cluster, records);
        Console.WriteLine($"produced {records:N0} records in {produceSeconds:F2} s");

        var (raw, rawCpu) = WithCpu(records, () => RawConsumer(cluster, records));
        Console.WriteLine($"raw consumer:          {raw:N0} records/s, {rawCpu:F1} µs CPU per record");
        var (inMemory, inMemoryCpu) = WithCpu(records, () => Streams(cluster, records, "in-memory", () => Stores.InMemoryKeyValueStore("counts")));
        Console.WriteLine($"count (in-memory):     {inMemory:N0} records/s  ({inMemory / raw:P0} of raw), {inMemoryCpu:F1} µs CPU per record");
        var (rocks, rocksCpu) = WithCpu(records, () => Streams(cluster, records, "rocksdb", () => RocksDbStores.PersistentKeyValueStore("counts")));
        Console.WriteLine($"count (RocksDB):       {rocks:N0} records/s  ({rocks / raw:P0} of raw), {rocksCpu:F1} µs CPU per record");
        var (streamizInMemory, streamizInMemoryCpu) = WithCpu(records, () => StreamizCount.Rate(cluster, Topic, Partitions, records, rocksDb: false, Timeout));
        Console.WriteLine($"Streamiz count (in-memory): {streamizInMemory:N0} records/s  ({streamizInMemory / raw:P0} of raw), {streamizInMemoryCpu:F1} µs CPU per record");
        var (streamiz, streamizCpu) = WithCpu(records, () => StreamizCount.Rate(cluster, Topic, Partitions, records, rocksDb: true, Timeout));
        Console.WriteLine($"Streamiz count (RocksDB):   {streamiz:N0} records/s  ({streamiz / raw:P0} of raw), {streamizCpu:F1} µs CPU per record");
        Console.WriteLine($"ours / Streamiz (RocksDB): {rocks / streamiz:F2}x records/s, {streamizCpu / rocksCpu:F2}x records per CPU-second");

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                benchmark = Name,
                records,
                partitions = Partitions,
                rawConsumerRecordsPerSecond = raw,
                countInMemoryRecordsPerSecond = inMemory,
                countRocksDbRecordsPerSecond = rocks,
                streamizCountRocksDbRecordsPerSecond = streamiz,
                inMemoryRatio = inMemory / raw,
                rocksDbRatio = rocks / raw,
                streamizRatio = streamiz / raw,
                streamizCountInMemoryRecordsPerSecond = streamizInMemory,
                cpuMicrosPerRecord = new { raw = rawCpu, inMemory = inMemoryCpu, rocksDb = rocksCpu, streamizInMemory = streamizInMemoryCpu, streamizRocksDb = streamizCpu },
                oursOverStreamizRecordsPerSecond = rocks / streamiz,
                oursOverStreamizRecordsPerCpuSecond = streamizCpu / rocksCpu,
                loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
            }));
        }

        return 0;
    }

    /// <summary>The rate a reader returns and the process CPU it spent per record (including its start and stop).</summary>
    private static (double Rate, double CpuMicrosPerRecord) WithCpu(int records, Func<double> read)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var rate = read();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        return (rate, cpu.TotalMilliseconds * 1000 / records);
    }

    /// <summary>The runtime's count topology with RocksDB on a fresh cluster: the baseline other benchmarks report against in the same run.</summary>
    internal static double RocksDbCountRate(int records)
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Topic, Partitions);
        Produce(cluster, records);
        return Streams(cluster, records, "rocksdb", () => RocksDbStores.PersistentKeyValueStore("counts"));
    }

    private static double Produce(MockCluster cluster, int records)
    {
        var clock = Stopwatch.StartNew();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 20,

            // librdkafka's mock keeps at most 100,000 messages / 5 MiB per partition and drops the oldest
            // (rdkafka_mock.c); compressed batches keep 200,000+ records over 4 partitions under both.
            CompressionType = CompressionType.Lz4,
        }).Build();
        var value = new byte[100];
        for (var i = 0; i < records; i++)
        {
            var key = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(key, i % KeySpace);
            while (true)
            {
                try
                {
                    producer.Produce(Topic, new Message<byte[], byte[]> { Key = key, Value = value });
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        if (producer.Flush(Timeout) != 0)
        {
            throw new TimeoutException("The mock cluster did not acknowledge every benchmark record.");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static double RawConsumer(MockCluster cluster, int records)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            // No group: partitions are assigned directly, as the fastest possible read of the topic.
            GroupId = "count-bench-raw",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + Timeout;
        Stopwatch? clock = null;
        var seen = 0;
        while (seen < records)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The raw consumer read only {seen} of {records} records.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null })
            {
                clock ??= Stopwatch.StartNew();
                seen++;
            }
        }

        consumer.Close();
        return (records - 1) / clock!.Elapsed.TotalSeconds;
    }

    private static double Streams(MockCluster cluster, int records, string kind, Func<IKeyValueBytesStoreSupplier> supplier)
    {
        var progress = new Progress();
        var topology = new StreamsTopology()
            .AddSource("source", Topic, Serdes.ByteArray, Serdes.ByteArray)
            .AddProcessor<byte[], byte[], byte[], long>("count", () => new CountProcessor(progress), "source")
            .AddStateStore(Stores.KeyValueStoreBuilder(supplier(), Serdes.ByteArray, Serdes.Long), "count");
        var options = new StreamsOptions
        {
            ApplicationId = "count-bench-" + kind,
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = RocksDbBenchSupport.TempStateDirectory("count-" + kind),
        };
        using var admin = new MockTopicAdmin(cluster);
        using var app = new KafkaStreams(topology, options, admin) { Log = _ => { } };
        app.Start();
        var deadline = DateTime.UtcNow + Timeout;
        while (progress.Count < records)
        {
            if (DateTime.UtcNow > deadline || app.State == KafkaStreamsState.Error)
            {
                throw new TimeoutException($"The {kind} count topology processed only {progress.Count} of {records} records ({app.State}).");
            }

            Thread.Sleep(5);
        }

        var elapsed = progress.Elapsed;
        app.Close(TimeSpan.FromSeconds(60));
        Directory.Delete(options.StateDirectory, recursive: true);
        return (records - 1) / elapsed.TotalSeconds;
    }

    /// <summary>Counts processed records; the clock starts at the first one and stops at the last.</summary>
    private sealed class Progress
    {
        private readonly Stopwatch _clock = new();
        private long _count;
        private TimeSpan _last;

        public long Count => Interlocked.Read(ref _count);

        public TimeSpan Elapsed => _last;

        public void Processed()
        {
            if (Interlocked.Increment(ref _count) == 1)
            {
                _clock.Start();
            }

            _last = _clock.Elapsed;
        }
    }

    private sealed class CountProcessor(Progress progress) : IProcessor<byte[], byte[], byte[], long>
    {
        private IKeyValueStore<byte[], long>? _store;

        public void Init(IProcessorContext<byte[], long> context) => _store = context.GetStateStore<IKeyValueStore<byte[], long>>("counts");

        public void Process(Record<byte[], byte[]> record)
        {
            _store!.Put(record.Key, _store.GetOrDefault(record.Key, 0) + 1);
            progress.Processed();
        }

        public void Close()
        {
        }
    }
}
