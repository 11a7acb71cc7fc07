using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using StreamSerdes = RecoStreams.Streams.Serialization.Serdes;

namespace RecoStreams.Processors.Tests.Processing;

public sealed class ByItemProcessorsTests
{
    private static readonly long Hour = 3_600_000;
    private static readonly long T = 1_000 * Hour;

    private static (TopologyTestDriver Driver, TestInputTopic<string, ItemUpdate> Input, TestOutputTopic<string, ItemStats> Output, StreamCounters Counters) Build()
    {
        var counters = new StreamCounters();
        var popularity = new PopularityOptions
        {
            Windows = [new HoppingWindowSpec(TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10))],
        };
        var aggregator = new ItemAggregator(popularity, new CoVisitationOptions { Shrinkage = 0 });
        var stores = new ItemStores("item-aggregates", "item-counts", "dirty-items", ["popularity-1h"], "item-stats");
        var trending = new TrendingIndex(10, TimeSpan.FromDays(1));

        // One cache for the instance, as in the topology: the stats table hands it what the publication reads.
        var readCache = new ItemReadCache(100);
        var topology = new Topology()
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("item-stats"), StreamSerdes.String, new ItemStatsSerde()).WithLoggingDisabled(),
                "stats-source", "item-stats", StreamSerdes.String, new ItemStatsSerde(), "stats-table", () => new ItemStatsTableProcessor("item-stats", trending, readCache))
            .AddSource("updates", "by-item", StreamSerdes.String, new ItemUpdateSerde())
            .AddProcessor("aggregate", () => new ItemAggregationProcessor(stores, aggregator, TimeSpan.FromSeconds(1), counters, readCache), "updates")
            .AddSink("stats", "item-stats-out", StreamSerdes.String, new ItemStatsSerde(), "aggregate")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("item-aggregates"), StreamSerdes.String, new ItemAggregateSerde()), "aggregate")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("item-counts"), StreamSerdes.String, new DecayedScoreSerde()), "aggregate")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("dirty-items"), StreamSerdes.String, StreamSerdes.Long), "aggregate")
            .AddStateStore(
                Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("popularity-1h", TimeSpan.FromHours(3), TimeSpan.FromHours(1)), StreamSerdes.String, new WindowAggregateSerde()),
                "aggregate");
        var driver = new TopologyTestDriver(topology);
        return (driver,
            driver.CreateInputTopic("by-item", StreamSerdes.String, new ItemUpdateSerde()),
            driver.CreateOutputTopic("item-stats-out", StreamSerdes.String, new ItemStatsSerde()),
            counters);
    }

    private static void Signal(TestInputTopic<string, ItemUpdate> input, string item, long at, double weight = 1) =>
        input.PipeInput(item, ItemUpdate.Of(new ItemSignal(item, "u", EventType.View, weight, at, ["Drama"])), at);

    [Fact]
    public void Publishes_changed_items_with_latest_window_popularity_and_neighbours()
    {
        var (driver, input, output, counters) = Build();
        using (driver)
        {
            Signal(input, "a", T);
            Signal(input, "b", T);
            input.PipeInput("a", ItemUpdate.Of(new CoVisitationPair("a", "b", 1, T)), T);
            Assert.Equal(3, counters.ItemUpdatesApplied);

            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

            var stats = output.ReadKeyValuesToList().ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Equal(["a", "b"], stats.Keys.Order());
            // [T - 30 min, T + 30 min) and [T, T + 1 h) both hold the one event; the newer one is published.
            var window = Assert.Single(stats["a"].Windows);
            Assert.Equal((Hour, T, 1L), (window.SizeMs, window.StartMs, window.Events));
            var neighbour = Assert.Single(stats["a"].Neighbours);
            Assert.Equal(("b", 1.0), (neighbour.ItemId, neighbour.Similarity));
            Assert.Equal(["Drama"], stats["a"].Genres);

            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
            Assert.True(output.IsEmpty);
        }
    }

    [Fact]
    public void Pairs_riding_with_a_signal_count_as_the_same_pairs_sent_alone()
    {
        var (driver, input, output, counters) = Build();
        using (driver)
        {
            Signal(input, "b", T);
            Signal(input, "c", T);
            input.PipeInput("a", ItemUpdate.Of(
                new ItemSignal("a", "u", EventType.View, 1, T, ["Drama"]),
                [new CoVisitationPair("a", "b", 1, T), new CoVisitationPair("a", "c", 0.5, T)]), T);
            Assert.Equal(3, counters.ItemUpdatesApplied);

            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

            var a = output.ReadKeyValuesToList().Single(kv => kv.Key == "a").Value;
            Assert.Equal(1L, Assert.Single(a.Windows).Events);
            Assert.Equal(["b", "c"], a.Neighbours.Select(n => n.ItemId));
            Assert.True(a.Neighbours[0].Similarity > a.Neighbours[1].Similarity);
        }
    }

    [Fact]
    public void An_item_whose_neighbour_is_not_published_yet_is_republished_with_it_once_its_stats_arrive()
    {
        var (driver, input, output, _) = Build();
        using (driver)
        {
            // c lives in another task: this one only knows it through the co-visitation pair.
            Signal(input, "a", T);
            input.PipeInput("a", ItemUpdate.Of(new CoVisitationPair("a", "c", 1, T)), T);
            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
            Assert.Empty(Assert.Single(output.ReadKeyValuesToList()).Value.Neighbours);

            driver.CreateInputTopic("item-stats", StreamSerdes.String, new ItemStatsSerde())
                .PipeInput("c", new ItemStats("c", T, [], 1, 1, [], ["Drama"]), T);
            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

            var republished = Assert.Single(output.ReadKeyValuesToList());
            Assert.Equal("a", republished.Key);
            Assert.Equal(["c"], republished.Value.Neighbours.Select(n => n.ItemId));
            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
            Assert.True(output.IsEmpty);
        }
    }

    [Fact]
    public void Each_window_a_later_read_may_ask_for_is_published_with_the_panes_it_spans_decayed_to_stream_time()
    {
        var (driver, input, output, _) = Build();
        using (driver)
        {
            // Panes of 30 min: T - 10 min and T + 20 min fall in the two panes of the window [T - 30 min, T + 30 min).
            const long minute = 60_000;
            Signal(input, "a", T - (10 * minute));
            Signal(input, "a", T + (20 * minute));

            driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

            // From T + 30 min a read asks for [T, T + 1 h), which holds only the newer pane: it is published too, so
            // the item does not drop out of windowed reads when the older window ends without a new event.
            var windows = Assert.Single(output.ReadKeyValuesToList()).Value.Windows;
            Assert.Equal([(T - (30 * minute), 2L), (T, 1L)], windows.Select(w => (w.StartMs, w.Events)));

            // Valued at stream time T + 20 min with a half-life of a quarter hour: 1 + 2^-2, and 1.
            Assert.Equal(1.25, windows[0].Score, 1e-12);
            Assert.Equal(1.0, windows[1].Score, 1e-12);
        }
    }

    [Fact]
    public void Signals_later_than_the_grace_skip_closed_windows_and_are_counted()
    {
        var (driver, input, _, counters) = Build();
        using (driver)
        {
            Signal(input, "a", T + (2 * Hour));
            Signal(input, "a", T);

            // At stream time T + 2h, both windows holding T ([T-30m, T+30m) and [T, T+1h)) are past end + 10 min.
            Assert.Equal(2, counters.LateWindowUpdatesDropped);
            var windows = driver.GetWindowStore<string, WindowAggregate>("popularity-1h");
            Assert.False(windows.TryFetch("a", T, out _));
            Assert.True(windows.TryFetch("a", T + (2 * Hour), out var current));
            Assert.Equal(1, current.Events);
        }
    }
}
