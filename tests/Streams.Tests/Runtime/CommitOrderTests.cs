using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

/// <summary>
/// The crash model of at-least-once: a store that records progress (ids of applied events) defers its writes to
/// the commit, where they go out only after every result and every output record is acknowledged. So after a
/// crash at any instant, an id is never durable while the effect it guards is not.
/// </summary>
public sealed class CommitOrderTests
{
    private const string Applied = "applied";
    private const string Totals = "totals";

    /// <summary>in -> dedup-apply (skips ids in "applied", else adds to "totals" and forwards) -> out.</summary>
    private static Streams.Topology DedupTopology(bool cacheTotals = false)
    {
        var totals = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(Totals), Serdes.String, Serdes.Long);
        return new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("dedup-apply", () => new DedupApplyProcessor(), "s")
            .AddSink("out", "out", Serdes.String, Serdes.Long, "dedup-apply")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(Applied), Serdes.String, Serdes.Long).WithWritesDeferredToCommit(), "dedup-apply")
            .AddStateStore(cacheTotals ? totals.WithCachingEnabled() : totals, "dedup-apply");
    }

    [Fact]
    public void Deferred_writes_reach_the_changelog_only_in_the_commit_after_results_and_output_are_acknowledged()
    {
        using var state = new TempDirectory();
        var collector = new OrderedRecordCollector();
        var task = NewTask(DedupTopology(cacheTotals: true), new StreamsOptions { ApplicationId = "order", StateDirectory = state.Path }, collector);
        task.InitializeStores();
        task.CompleteRestoration();
        task.AddRecords([Record(0, "u1", "e1"), Record(1, "u1", "e2"), Record(2, "u2", "e1")]);
        while (task.Process(0))
        {
        }

        Assert.DoesNotContain("order-applied-changelog", collector.Events);
        var appliedStore = (IKeyValueStore<string, long>)task.GetStore(Applied);
        Assert.True(appliedStore.TryGet("e1", out _), "held writes are visible to reads before the commit");

        task.PrepareCommit();

        var firstApplied = collector.Events.IndexOf("order-applied-changelog");
        var lastResult = collector.Events.FindLastIndex(e => e is "out" or "order-totals-changelog");
        Assert.True(firstApplied > lastResult, string.Join(", ", collector.Events));
        Assert.Contains(OrderedRecordCollector.FlushMark, collector.Events.GetRange(lastResult, firstApplied - lastResult));
        Assert.Equal(OrderedRecordCollector.FlushMark, collector.Events[^1]);
        Assert.Equal(2, collector.Events.Count(e => e == "order-applied-changelog"));
        Assert.Equal(2, collector.Events.Count(e => e == "out"));
    }

    [Fact]
    public void A_task_asks_for_a_commit_once_its_deferred_writes_pass_their_budget()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "budget", StateDirectory = state.Path, DeferredWritesMaxBytesPerTask = 300 };
        var task = NewTask(DedupTopology(), options, new OrderedRecordCollector());
        task.InitializeStores();
        task.CompleteRestoration();

        task.AddRecords([Record(0, "u1", "e1")]);
        task.Process(0);
        Assert.False(task.CommitRequested);

        task.AddRecords(Enumerable.Range(1, 5).Select(i => Record(i, "u1", "event-" + i)));
        while (task.Process(0))
        {
        }

        Assert.True(task.CommitRequested);
        task.PrepareCommit();
        task.PostCommit();
        Assert.False(task.CommitRequested);
    }

    private static StreamTask NewTask(Streams.Topology topology, StreamsOptions options, IRecordCollector collector) =>
        new(new TaskId(0, 0), topology.BuildSubtopology(0, options.ApplicationId), [("in", 0)], collector, options,
            Path.Combine(options.StateDirectory, options.ApplicationId, "0_0"), new MockTime());

    private static ConsumedRecord Record(long offset, string key, string eventId) => TaskTestFixture.Record("in", 0, offset, offset + 1, key, eventId);

    private sealed class DedupApplyProcessor : IProcessor<string, string, string, long>
    {
        private IProcessorContext<string, long>? _context;
        private IKeyValueStore<string, long>? _applied;
        private IKeyValueStore<string, long>? _totals;

        public void Init(IProcessorContext<string, long> context)
        {
            _context = context;
            _applied = context.GetStateStore<IKeyValueStore<string, long>>(Applied);
            _totals = context.GetStateStore<IKeyValueStore<string, long>>(Totals);
        }

        public void Process(Record<string, string> record)
        {
            if (_applied!.TryGet(record.Value, out _))
            {
                return;
            }

            var total = _totals!.GetOrDefault(record.Key, 0) + 1;
            _totals!.Put(record.Key, total);
            _applied.Put(record.Value, record.Timestamp);
            _context!.Forward(record.WithValue(total));
        }

        public void Close()
        {
        }
    }
}
