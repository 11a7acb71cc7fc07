using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Testing;

public sealed class TopologyTestDriverTests
{
    [Fact]
    public void Records_written_to_a_repartition_topic_are_processed_by_the_downstream_subtopology()
    {
        var topology = new Streams.Topology();
        var byItem = topology.AddRepartitionTopic("by-item");
        topology.AddSource("events", "events", Serdes.String, Serdes.String)
            .AddProcessor("rekey", Processors.Of<string, string, string, string>((r, c) => c.Forward(new Record<string, string>(r.Value, r.Key, r.Timestamp))), "events")
            .AddSink("to-items", byItem, Serdes.String, Serdes.String, "rekey")
            .AddSource("items", byItem, Serdes.String, Serdes.String)
            .AddProcessor("tag", Processors.Of<string, string, string, string>((r, c) => c.Forward(r.WithValue($"{r.Value}@{c.TaskId}"))), "items")
            .AddSink("out", "item-users", Serdes.String, Serdes.String, "tag");
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);

        input.PipeInput("user-1", "item-9", timestamp: 1);

        Assert.Equal(
            new KeyValuePair<string, string>("item-9", "user-1@1_0"),
            driver.CreateOutputTopic("item-users", Serdes.String, Serdes.String).ReadKeyValue());
        Assert.Equal(
            new KeyValuePair<string, string>("item-9", "user-1"),
            driver.CreateOutputTopic("test-driver-by-item-repartition", Serdes.String, Serdes.String).ReadKeyValue());
    }

    [Fact]
    public void A_driver_given_its_captured_topics_routes_repartition_records_but_keeps_only_those_topics_for_reading()
    {
        var topology = new Streams.Topology();
        var byItem = topology.AddRepartitionTopic("by-item");
        topology.AddSource("events", "events", Serdes.String, Serdes.String)
            .AddProcessor("rekey", Processors.Of<string, string, string, string>((r, c) => c.Forward(new Record<string, string>(r.Value, r.Key, r.Timestamp))), "events")
            .AddSink("to-items", byItem, Serdes.String, Serdes.String, "rekey")
            .AddSink("audit", "audit", Serdes.String, Serdes.String, "rekey")
            .AddSource("items", byItem, Serdes.String, Serdes.String)
            .AddSink("out", "item-users", Serdes.String, Serdes.String, "items");
        using var driver = new TopologyTestDriver(topology, capturedTopics: ["item-users"]);
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("item-users", Serdes.String, Serdes.String);

        for (var i = 0; i < 3; i++)
        {
            input.PipeInput($"user-{i}", $"item-{i}", timestamp: i);
            Assert.Equal(new KeyValuePair<string, string>($"item-{i}", $"user-{i}"), output.ReadKeyValue());
        }

        Assert.True(output.IsEmpty);
        Assert.Throws<ArgumentException>(() => driver.CreateOutputTopic("audit", Serdes.String, Serdes.String));
        Assert.Throws<ArgumentException>(() => driver.CreateOutputTopic("test-driver-by-item-repartition", Serdes.String, Serdes.String));
    }

    [Fact]
    public void Piping_into_a_global_topic_updates_the_global_store_that_every_task_can_read()
    {
        var topology = new Streams.Topology()
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("catalog"), Serdes.String, Serdes.String).WithLoggingDisabled(),
                "catalog-source",
                "catalog-items",
                Serdes.String,
                Serdes.String,
                "catalog-updater",
                () => new StoreUpdater("catalog"))
            .AddSource("events", "events", Serdes.String, Serdes.String)
            .AddProcessor("enrich", Processors.Of<string, string, string, string>((r, c) =>
            {
                var title = c.GetStateStore<IKeyValueStore<string, string>>("catalog").Get(r.Value) ?? "unknown";
                c.Forward(r.WithValue(title));
            }), "events")
            .AddSink("out", "enriched", Serdes.String, Serdes.String, "enrich");
        using var driver = new TopologyTestDriver(topology);
        var catalog = driver.CreateInputTopic("catalog-items", Serdes.String, Serdes.String);
        var events = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String);

        events.PipeInput("user-1", "item-1", timestamp: 1);
        catalog.PipeInput("item-1", "The Matrix", timestamp: 2);
        events.PipeInput("user-1", "item-1", timestamp: 3);
        catalog.PipeInput("item-1", null!, timestamp: 4);

        Assert.Equal(["unknown", "The Matrix"], output.ReadKeyValuesToList().Select(kv => kv.Value));
        Assert.False(driver.GetKeyValueStore<string, string>("catalog").TryGet("item-1", out _));
    }

    [Fact]
    public void A_processor_cannot_open_a_store_it_is_not_connected_to()
    {
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("owner", Processors.PassThrough<string, string>(), "s")
            .AddProcessor("intruder", Processors.Of<string, string, string, string>(
                (_, _) => { },
                c => c.GetStateStore<IKeyValueStore<string, string>>("private")), "s")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("private"), Serdes.String, Serdes.String), "owner");

        var error = Assert.Throws<StreamsException>(() => new TopologyTestDriver(topology));

        Assert.Contains("Processor 'intruder' has no access to state store 'private'", error.Message);
    }

    [Fact]
    public void Window_store_is_readable_through_the_driver()
    {
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.Long)
            .AddProcessor("window", Processors.Of<string, long, string, long>((r, c) =>
            {
                var store = c.GetStateStore<IWindowStore<string, long>>("per-minute");
                var start = r.Timestamp - (r.Timestamp % 60_000);
                store.Put(r.Key, (store.TryFetch(r.Key, start, out var sum) ? sum : 0) + r.Value, start);
            }), "s")
            .AddStateStore(
                Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("per-minute", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)), Serdes.String, Serdes.Long),
                "window");
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);

        input.PipeInput("item", 2, timestamp: 1_000);
        input.PipeInput("item", 3, timestamp: 59_000);
        input.PipeInput("item", 4, timestamp: 61_000);

        var store = driver.GetWindowStore<string, long>("per-minute");
        Assert.True(store.TryFetch("item", 0, out var first));
        Assert.True(store.TryFetch("item", 60_000, out var second));
        Assert.Equal((5L, 4L), (first, second));
    }

    private sealed class StoreUpdater(string storeName) : IProcessor<string, string>
    {
        private IKeyValueStore<string, string>? _store;

        public void Init(IProcessorContext<string, string> context) => _store = context.GetStateStore<IKeyValueStore<string, string>>(storeName);

        public void Process(Record<string, string> record)
        {
            if (record.Value is null)
            {
                _store!.Delete(record.Key);
            }
            else
            {
                _store!.Put(record.Key, record.Value);
            }
        }

        public void Close()
        {
        }
    }
}
