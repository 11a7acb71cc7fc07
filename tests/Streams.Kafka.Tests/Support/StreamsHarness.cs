using System.Collections.Concurrent;
using System.Text;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Partitioning;

namespace RecoStreams.Streams.Kafka.Tests.Support;

/// <summary>Starts applications on a mock cluster and waits, with deadlines, for them to reach a state or output.</summary>
internal static class StreamsHarness
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static StreamsOptions Options(MockCluster cluster, string stateDirectory, string applicationId = "app", int threads = 1, TimeSpan? commitInterval = null) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = cluster.BootstrapServers,
        StateDirectory = stateDirectory,
        NumStreamThreads = threads,
        CommitInterval = commitInterval ?? TimeSpan.FromMilliseconds(200),
        PollTimeout = TimeSpan.FromMilliseconds(50),
    };

    public static KafkaStreams Start(MockCluster cluster, Topology topology, StreamsOptions options, List<string>? log = null)
    {
        var app = new KafkaStreams(topology, options, ClientOptions(options), new MockTopicAdmin(cluster));
        var lines = log ?? [];
        app.Log = line =>
        {
            lock (lines)
            {
                lines.Add(line);
            }
        };
        app.Start();
        return app;
    }

    /// <summary>
    /// The mock's group coordinator waits session.timeout.ms - 1 s for members to rejoin in every rebalance
    /// phase; a short session keeps a cooperative two-phase rebalance around 5 s instead of 10-20 s.
    /// </summary>
    public static KafkaClientOptions ClientOptions(StreamsOptions options) => KafkaClientOptions.From(options) with
    {
        ConsumerOverrides = new Dictionary<string, string> { ["session.timeout.ms"] = "3500", ["heartbeat.interval.ms"] = "300" },
    };

    public static void WaitFor(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            Thread.Sleep(50);
        }
    }

    public static void WaitForState(KafkaStreams app, KafkaStreamsState state) =>
        WaitFor(() => app.State == state, $"state {state} (now {app.State}{(app.Failure is null ? string.Empty : ", " + app.Failure.Message)})");

    /// <summary>Produces <paramref name="count"/> records keyed key-0..key-{keys-1} at their murmur2 partitions.</summary>
    public static void ProduceKeyed(MockCluster cluster, string topic, int partitions, int count, int keys, int firstSequence = 0) =>
        TopicIo.Produce(cluster, topic, Enumerable.Range(firstSequence, count).Select(i =>
        {
            var key = Encoding.UTF8.GetBytes($"key-{i % keys}");
            return (Murmur2Partitioner.Partition(key, partitions), (byte[]?)key, (byte[]?)Encoding.UTF8.GetBytes($"v{i}"));
        }));

    /// <summary>The trace records as (input partition, input offset, count), in trace-topic order.</summary>
    public static List<(string Key, int Partition, long Offset, long Count)> ReadTrace(MockCluster cluster, int partitions) =>
        TopicIo.ReadAll(cluster, CountingTopology.Trace, partitions)
            .Select(r =>
            {
                var (p, o, c) = CountingTopology.ParseTrace(Encoding.UTF8.GetString(r.Message.Value!));
                return (Encoding.UTF8.GetString(r.Message.Key!), p, o, c);
            })
            .ToList();

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "recostreams-kafka-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static ConcurrentQueue<(KafkaStreamsState From, KafkaStreamsState To)> RecordStates(KafkaStreams app)
    {
        var states = new ConcurrentQueue<(KafkaStreamsState, KafkaStreamsState)>();
        app.StateChanged += (from, to) => states.Enqueue((from, to));
        return states;
    }
}
