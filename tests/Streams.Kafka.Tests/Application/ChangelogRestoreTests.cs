using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

public sealed class ChangelogRestoreTests
{
    private const int Partitions = 2;
    private const int Keys = 8;

    public static TheoryData<string> StoreKinds => ["in-memory", "rocksdb"];

    [Fact]
    public void Clean_stop_and_restart_with_rocksdb_restores_no_changelog_record()
    {
        using var cluster = NewCluster();
        var stateDirectory = TempDirectory();
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys);
        RunUntilTrace(cluster, stateDirectory, "rocksdb", 100, listener: null, close: true);

        var listener = new CountingRestoreListener();
        var before = RunUntilTrace(cluster, stateDirectory, "rocksdb", 100, listener, close: true);

        Assert.Equal(Partitions, listener.Ends);
        Assert.Equal(0, listener.Restored);
        Assert.Equal(100, before.Values.Sum());
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void Store_rebuilt_from_the_changelog_after_the_state_folder_is_deleted_equals_the_store_before(string kind)
    {
        using var cluster = NewCluster();
        var stateDirectory = TempDirectory();
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys);
        var before = RunUntilTrace(cluster, stateDirectory, kind, 100, listener: null, close: true);

        Directory.Delete(stateDirectory, recursive: true);
        var listener = new CountingRestoreListener();
        var after = RunUntilTrace(cluster, stateDirectory, kind, 100, listener, close: true);

        Assert.Equal(before.OrderBy(e => e.Key), after.OrderBy(e => e.Key));
        Assert.True(listener.Restored >= Keys, $"the changelog holds at least one record per key, restored {listener.Restored}");
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void After_a_crash_the_store_over_counts_only_records_replayed_since_the_last_commit(string kind)
    {
        using var cluster = NewCluster();
        var stateDirectory = TempDirectory();
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys);
        RunUntilTrace(cluster, stateDirectory, kind, 100, listener: null, close: true);

        // Processed but never committed: the commit interval is far away and the app is killed.
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 60, keys: Keys, firstSequence: 100);
        using (var crashed = Start(cluster, CountingTopology.Build(Supplier(kind)), Options(cluster, stateDirectory, commitInterval: TimeSpan.FromHours(1))))
        {
            WaitFor(() => ReadTrace(cluster, Partitions).Count >= 160, "the 60 new records to be processed");
        }

        var after = RunUntilTrace(cluster, stateDirectory, kind, 220, listener: null, close: true);

        var trace = ReadTrace(cluster, Partitions);
        var replayed = trace.GroupBy(t => (t.Partition, t.Offset)).Where(g => g.Count() > 1).ToList();
        Assert.Equal(60, replayed.Count);
        Assert.All(replayed, g => Assert.True(g.Key.Offset >= 50 - Keys, "only records after the last commit are replayed"));
        Assert.Equal(160, trace.Select(t => (t.Partition, t.Offset)).Distinct().Count());
        var truth = Enumerable.Range(0, 160).GroupBy(i => $"key-{i % Keys}").ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var (key, count) in after)
        {
            Assert.InRange(count, truth[key], truth[key] + replayed.Count(g => g.First().Key == key));
        }
    }

    private static MockCluster NewCluster()
    {
        var cluster = new MockCluster();
        cluster.CreateTopic(CountingTopology.Input, Partitions);
        cluster.CreateTopic(CountingTopology.Trace, Partitions);
        return cluster;
    }

    private static Func<IKeyValueBytesStoreSupplier> Supplier(string kind) => kind == "rocksdb"
        ? () => RocksDbStores.PersistentKeyValueStore(CountingTopology.Store)
        : () => Stores.InMemoryKeyValueStore(CountingTopology.Store);

    /// <summary>Runs an instance until the trace holds <paramref name="traceRecords"/> records, then closes; returns the store contents.</summary>
    private static Dictionary<string, long> RunUntilTrace(MockCluster cluster, string stateDirectory, string kind, int traceRecords, IStateRestoreListener? listener, bool close)
    {
        var options = Options(cluster, stateDirectory);
        using var app = new KafkaStreams(CountingTopology.Build(Supplier(kind)), options, ClientOptions(options), new MockTopicAdmin(cluster)) { Log = _ => { } };
        if (listener is not null)
        {
            app.RestoreListener = listener;
        }

        app.Start();
        WaitForState(app, KafkaStreamsState.Running);
        WaitFor(() => ReadTrace(cluster, Partitions).Count >= traceRecords, $"{traceRecords} trace records");
        var contents = new Dictionary<string, long>();
        foreach (var store in app.Stores<IReadOnlyKeyValueStore<string, long>>(CountingTopology.Store).Values)
        {
            using var all = store.All();
            while (all.MoveNext())
            {
                contents[all.Current.Key] = all.Current.Value;
            }
        }

        if (close)
        {
            Assert.True(app.Close(TimeSpan.FromSeconds(20)));
        }

        return contents;
    }

    private sealed class CountingRestoreListener : IStateRestoreListener
    {
        private long _restored;
        private int _ends;

        public long Restored => Interlocked.Read(ref _restored);

        public int Ends => Volatile.Read(ref _ends);

        public void OnRestoreStart(string topic, int partition, string storeName, long startingOffset, long endingOffset)
        {
        }

        public void OnBatchRestored(string topic, int partition, string storeName, long batchEndOffset, int batchSize)
        {
        }

        public void OnRestoreEnd(string topic, int partition, string storeName, RestoreSummary summary)
        {
            Interlocked.Add(ref _restored, summary.TotalRestored);
            Interlocked.Increment(ref _ends);
        }
    }
}
