using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;
using RecoStreams.Streams.Testing;
using RecoStreams.Streams.Tests.Support;
using Xunit;
using static RecoStreams.Streams.Tests.State.SortedMapModel;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class StatefulTaskTests
{
    /// <summary>Counts records per key into "counts"; with caching, emits counts only when the cache flushes.</summary>
    private static Streams.Topology CountingTopology(KeyValueStoreBuilder<string, long> store)
    {
        return new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("count", () => new CountProcessor(), "s")
            .AddSink("out", "counts-out", Serdes.String, Serdes.Long, "count")
            .AddStateStore(store, "count");
    }

    [Fact]
    public void Caching_forwards_only_the_latest_value_per_key_when_the_cache_flushes_on_commit()
    {
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long).WithCachingEnabled();
        using var driver = new TopologyTestDriver(CountingTopology(store));
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts-out", Serdes.String, Serdes.Long);
        var changelog = driver.CreateOutputTopic("test-driver-counts-changelog", Serdes.String, Serdes.Long);

        foreach (var key in new[] { "a", "b", "a", "a", "b" })
        {
            input.PipeInput(key, "click", timestamp: 1);
        }

        Assert.True(output.IsEmpty);
        Assert.True(changelog.IsEmpty);
        Assert.Equal(3, driver.GetKeyValueStore<string, long>("counts").GetOrDefault("a", 0));

        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(30)); // the at-least-once commit interval

        Assert.Equal([new("a", 3), new("b", 2)], output.ReadKeyValuesToList());
        Assert.Equal([new("a", 3), new("b", 2)], changelog.ReadKeyValuesToList());
    }

    [Fact]
    public void Logging_layer_writes_every_change_to_the_changelog_partition_of_the_task()
    {
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long);
        using var driver = new TopologyTestDriver(CountingTopology(store));
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        var changelog = driver.CreateOutputTopic("test-driver-counts-changelog", Serdes.String, Serdes.Long);

        input.PipeInput("a", "click", timestamp: 10);
        input.PipeInput("a", "click", timestamp: 20);

        var records = changelog.ReadRecordsToList();
        Assert.Equal([("a", 1L, 10L, 0), ("a", 2L, 20L, 0)], records.Select(r => (r.Key, r.Value, r.Timestamp, r.Partition)));
        Assert.Equal(
            [new("a", 1), new("a", 2)],
            driver.CreateOutputTopic("counts-out", Serdes.String, Serdes.Long).ReadKeyValuesToList());
    }

    [Fact]
    public void A_commit_syncs_and_checkpoints_only_past_the_changelog_delta_a_clean_close_always_and_the_next_task_reads_it()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "cp", StateDirectory = state.Path, CheckpointOffsetDelta = 2 };
        var supplier = new PersistentTestStoreSupplier("counts");
        var topology = CountingTopology(Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.Long));
        var first = new TaskTestFixture(topology, options, [("in", 0)]);
        first.Start();
        var store = Assert.Single(supplier.Created);
        var checkpointPath = Path.Combine(first.TaskDirectory, ".checkpoint");
        var offset = 0L;
        void CommitAfter(int records)
        {
            for (var i = 0; i < records; i++, offset++)
            {
                first.Task.AddRecords([TaskTestFixture.Record("in", 0, offset, offset + 1, "a", "x")]);
            }

            first.ProcessAll();
            first.Task.PrepareCommit();
            first.Task.PostCommit();
            first.Task.AwaitCheckpoint();
        }

        CommitAfter(2); // changelog at offset 1, 1 past no checkpoint (offset 0): not more than the delta
        Assert.False(File.Exists(checkpointPath));
        Assert.Equal(0, store.Syncs);

        CommitAfter(2); // offset 3: 3 past it
        Assert.Equal("0\n1\ncp-counts-changelog 0 3\n", File.ReadAllText(checkpointPath));
        Assert.Equal(1, store.Syncs);

        CommitAfter(2); // offset 5: 2 past the checkpoint at 3
        Assert.Equal("0\n1\ncp-counts-changelog 0 3\n", File.ReadAllText(checkpointPath));
        Assert.Equal(1, store.Syncs);

        first.Task.AddRecords([TaskTestFixture.Record("in", 0, offset, offset + 1, "a", "x")]);
        first.ProcessAll();
        first.Task.Close(clean: true);
        Assert.Equal("0\n1\ncp-counts-changelog 0 6\n", File.ReadAllText(checkpointPath));
        Assert.Equal(2, store.Syncs);

        var second = new TaskTestFixture(topology, options, [("in", 0)]);
        second.Task.InitializeStores();
        var changelog = Assert.Single(second.Task.ChangelogPartitions);
        Assert.Equal(new ChangelogPartition("cp-counts-changelog", 0, "counts", 6), changelog);
    }

    [Fact]
    public void A_commit_leaves_the_sync_and_checkpoint_to_the_background_and_the_next_waits_for_a_running_one()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "bg", StateDirectory = state.Path, CheckpointOffsetDelta = 0 };
        var supplier = new PersistentTestStoreSupplier("counts");
        var fixture = new TaskTestFixture(CountingTopology(Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.Long)), options, [("in", 0)]);
        fixture.Start();
        using var gate = new ManualResetEventSlim(false);
        var store = Assert.Single(supplier.Created);
        store.SyncGate = gate;
        var checkpointPath = Path.Combine(fixture.TaskDirectory, ".checkpoint");

        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x"), TaskTestFixture.Record("in", 0, 1, 2, "a", "x")]);
        fixture.ProcessAll();
        fixture.Task.PrepareCommit();
        fixture.Task.PostCommit(); // changelog at offset 1: returns while the sync waits at the gate

        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 2, 3, "a", "x")]);
        fixture.ProcessAll();
        fixture.Task.PrepareCommit();
        fixture.Task.PostCommit(); // the first is still running: this one starts none
        Assert.False(File.Exists(checkpointPath));
        Assert.Equal(0, store.Syncs);

        gate.Set();
        fixture.Task.AwaitCheckpoint();
        Assert.Equal(1, store.Syncs);
        Assert.Equal("0\n1\nbg-counts-changelog 0 1\n", File.ReadAllText(checkpointPath));

        fixture.Task.Close(clean: true);
        Assert.Equal("0\n1\nbg-counts-changelog 0 2\n", File.ReadAllText(checkpointPath));
        Assert.Equal(2, store.Syncs);
    }

    [Fact]
    public void An_exactly_once_commit_never_syncs_nor_checkpoints_and_a_clean_close_does_both()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions
        {
            ApplicationId = "eos-cp",
            StateDirectory = state.Path,
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnce,
            CheckpointOffsetDelta = 0,
        };
        var supplier = new PersistentTestStoreSupplier("counts");
        var fixture = new TaskTestFixture(CountingTopology(Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.Long)), options, [("in", 0)]);
        fixture.Start();
        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x"), TaskTestFixture.Record("in", 0, 1, 2, "b", "x")]);
        fixture.ProcessAll();
        fixture.Task.PrepareCommit();
        fixture.Task.PostCommit();

        var store = Assert.Single(supplier.Created);
        var checkpointPath = Path.Combine(fixture.TaskDirectory, ".checkpoint");
        Assert.False(File.Exists(checkpointPath));
        Assert.Equal(0, store.Syncs);

        fixture.Task.Close(clean: true);
        Assert.Equal("0\n1\neos-cp-counts-changelog 0 1\n", File.ReadAllText(checkpointPath));
        Assert.Equal(1, store.Syncs);
    }

    [Fact]
    public void In_memory_stores_are_not_checkpointed_so_they_restore_from_the_beginning()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "mem", StateDirectory = state.Path };
        var topology = CountingTopology(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long));
        var first = new TaskTestFixture(topology, options, [("in", 0)]);
        first.Start();
        first.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x")]);
        first.ProcessAll();
        first.Task.Close(clean: true);

        var second = new TaskTestFixture(topology, options, [("in", 0)]);
        second.Task.InitializeStores();

        Assert.Null(Assert.Single(second.Task.ChangelogPartitions).CheckpointedOffset);
    }

    [Fact]
    public void Restores_store_from_changelog_records_before_processing()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "restore", StateDirectory = state.Path };
        var topology = CountingTopology(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long));
        var fixture = new TaskTestFixture(topology, options, [("in", 0)]);
        fixture.Task.InitializeStores();

        fixture.Task.Restore("restore-counts-changelog", 0, [
            new ConsumedRecord("restore-counts-changelog", 0, 0, 1, "a"u8.ToArray(), Serdes.Long.Serialize(5, default), null),
            new ConsumedRecord("restore-counts-changelog", 0, 1, 1, "b"u8.ToArray(), Serdes.Long.Serialize(1, default), null),
            new ConsumedRecord("restore-counts-changelog", 0, 2, 1, "b"u8.ToArray(), null, null),
        ]);
        fixture.Task.CompleteRestoration();
        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x")]);
        fixture.ProcessAll();

        var store = (IKeyValueStore<string, long>)fixture.Task.GetStore("counts");
        Assert.Equal(6, store.GetOrDefault("a", 0));
        Assert.False(store.TryGet("b", out _));
    }

    [Fact]
    public void Mirrored_store_holds_every_restored_entry_even_when_read_between_restore_batches()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "mirror", StateDirectory = state.Path };
        var topology = CountingTopology(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), Serdes.String, Serdes.Long)
            .WithWritesDeferredToCommit().WithContentsMirroredInMemory());
        var fixture = new TaskTestFixture(topology, options, [("in", 0)]);
        fixture.Task.InitializeStores();
        var store = (IKeyValueStore<string, long>)fixture.Task.GetStore("counts");

        fixture.Task.Restore("mirror-counts-changelog", 0, [
            new ConsumedRecord("mirror-counts-changelog", 0, 0, 1, "a"u8.ToArray(), Serdes.Long.Serialize(5, default), null),
        ]);

        // An interactive query during restoration must not fill the mirror from a half-restored store.
        Assert.Equal(5, store.GetOrDefault("a", 0));
        Assert.Single(Drain(store.All()));
        fixture.Task.Restore("mirror-counts-changelog", 0, [
            new ConsumedRecord("mirror-counts-changelog", 0, 1, 1, "b"u8.ToArray(), Serdes.Long.Serialize(1, default), null),
            new ConsumedRecord("mirror-counts-changelog", 0, 2, 1, "c"u8.ToArray(), Serdes.Long.Serialize(7, default), null),
            new ConsumedRecord("mirror-counts-changelog", 0, 3, 1, "b"u8.ToArray(), null, null),
        ]);
        fixture.Task.CompleteRestoration();
        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x")]);
        fixture.ProcessAll();

        Assert.Equal([new("a", 6L), new("c", 7L)], Drain(store.All()));
    }

    [Fact]
    public void Unclean_close_leaves_no_checkpoint_under_either_guarantee_so_the_next_exactly_once_start_rebuilds_state()
    {
        using var state = new TempDirectory();
        var topology = CountingTopology(Stores.KeyValueStoreBuilder(new PersistentTestStoreSupplier("counts"), Serdes.String, Serdes.Long));
        var exactlyOnce = new TaskTestFixture(
            topology, new StreamsOptions { ApplicationId = "eos", StateDirectory = state.Path, ProcessingGuarantee = ProcessingGuarantee.ExactlyOnce }, [("in", 0)]);
        var atLeastOnce = new TaskTestFixture(
            topology, new StreamsOptions { ApplicationId = "alos", StateDirectory = state.Path }, [("in", 0)]);

        foreach (var fixture in new[] { exactlyOnce, atLeastOnce })
        {
            fixture.Start();
            fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "x")]);
            fixture.ProcessAll();
            fixture.Task.Close(clean: false);
        }

        Assert.False(File.Exists(Path.Combine(exactlyOnce.TaskDirectory, ".checkpoint")));
        Assert.False(File.Exists(Path.Combine(atLeastOnce.TaskDirectory, ".checkpoint")));
        Assert.True(Directory.Exists(atLeastOnce.TaskDirectory));
    }

    private sealed class CountProcessor : Processor.IProcessor<string, string, string, long>
    {
        private Processor.IProcessorContext<string, long>? _context;
        private IKeyValueStore<string, long>? _counts;
        private bool _forwardOnFlush;

        public void Init(Processor.IProcessorContext<string, long> context)
        {
            _context = context;
            _counts = context.GetStateStore<IKeyValueStore<string, long>>("counts");
            _forwardOnFlush = _counts is ICachedStateStore<string, long> cached
                && cached.SetFlushListener(change => context.Forward(new Processor.Record<string, long>(change.Key, change.NewValue, change.Timestamp)));
        }

        public void Process(Processor.Record<string, string> record)
        {
            var count = _counts!.GetOrDefault(record.Key, 0) + 1;
            _counts!.Put(record.Key, count);
            if (!_forwardOnFlush)
            {
                _context!.Forward(record.WithValue(count));
            }
        }

        public void Close()
        {
        }
    }
}
