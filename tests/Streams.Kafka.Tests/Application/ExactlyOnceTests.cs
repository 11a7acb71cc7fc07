using System.Text;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Application;

/// <summary>
/// Exactly-once needs a real broker (2.4+): set RECOSTREAMS_TEST_BOOTSTRAP=host:port to run these. Topic and
/// application names are unique per run, so a broker used before is fine. The store is RocksDB: a crash leaves
/// the counts of the aborted transaction on disk, and only the wipe at the next start (no clean-close
/// checkpoint) keeps the second run from counting on top of them.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Partitions = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public void A_crash_between_produce_and_commit_leaves_each_result_exactly_once_and_state_matching()
    {
        var bootstrap = Environment.GetEnvironmentVariable("RECOSTREAMS_TEST_BOOTSTRAP");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            Assert.Skip("needs a real Kafka broker in RECOSTREAMS_TEST_BOOTSTRAP: librdkafka's mock cluster does not store offsets sent with " +
                "SendOffsetsToTransaction, and its read_committed consumers also return aborted records.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var applicationId = "eos-" + run;
        var input = "eos-input-" + run;
        var trace = "eos-trace-" + run;
        Topology Counting() => CountingTopology.Build(() => RocksDbStores.PersistentKeyValueStore(CountingTopology.Store), input, trace);
        var stateDirectory = StreamsHarness.TempDirectory();
        StreamsOptions Options(TimeSpan commitInterval) => new()
        {
            ApplicationId = applicationId,
            BootstrapServers = bootstrap,
            StateDirectory = stateDirectory,
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnce,
            CommitInterval = commitInterval,
        };
        var clientOptions = KafkaClientOptions.From(Options(TimeSpan.FromHours(1)));
        using var admin = new KafkaTopicAdmin(clientOptions);
        admin.EnsureTopics([new(input, Partitions, new Dictionary<string, string>()), new(trace, Partitions, new Dictionary<string, string>())]);
        Produce(bootstrap, input, 40);

        // The first run processes everything inside a transaction it never commits, then crashes.
        using (var crashed = new KafkaStreams(Counting(), Options(TimeSpan.FromHours(1)), admin) { Log = _ => { } })
        {
            crashed.Start();
            Wait(() => ReadTrace(bootstrap, trace, IsolationLevel.ReadUncommitted).Count >= 40, "the uncommitted results of the first run");
        }

        Assert.Empty(ReadTrace(bootstrap, trace, IsolationLevel.ReadCommitted));
        using var app = new KafkaStreams(Counting(), Options(TimeSpan.FromMilliseconds(100)), admin) { Log = _ => { } };
        app.Start();
        Wait(() => ReadTrace(bootstrap, trace, IsolationLevel.ReadCommitted).Count >= 40, "the second run to reprocess and commit every record");
        Assert.True(app.Close(TimeSpan.FromSeconds(30)));

        var committed = ReadTrace(bootstrap, trace, IsolationLevel.ReadCommitted);
        Assert.Equal(40, committed.Count);
        Assert.Equal(40, committed.Select(t => (t.Partition, t.Offset)).Distinct().Count());
        foreach (var key in committed.GroupBy(t => t.Key))
        {
            Assert.Equal(Enumerable.Range(1, key.Count()).Select(i => (long)i), key.Select(t => t.Count).Order());
        }
    }

    private static void Produce(string bootstrap, string topic, int count)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.UTF8.GetBytes($"key-{i % 5}");
            producer.Produce(new TopicPartition(topic, Murmur2Partitioner.Partition(key, Partitions)), new Message<byte[], byte[]> { Key = key, Value = Encoding.UTF8.GetBytes($"v{i}") });
        }

        Assert.Equal(0, producer.Flush(Deadline));
    }

    private static List<(string Key, int Partition, long Offset, long Count)> ReadTrace(string bootstrap, string trace, IsolationLevel isolation)
    {
        var records = TopicToEnd.Read(bootstrap, TopicToEnd.FromBeginning(trace, Enumerable.Range(0, Partitions)), TimeSpan.FromSeconds(20), isolation);
        return [.. records.Select(r =>
        {
            var (p, o, c) = CountingTopology.ParseTrace(Encoding.UTF8.GetString(r.Message.Value!));
            return (Encoding.UTF8.GetString(r.Message.Key!), p, o, c);
        })];
    }

    private static void Wait(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            Thread.Sleep(100);
        }
    }
}
