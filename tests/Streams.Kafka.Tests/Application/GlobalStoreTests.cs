using System.Text;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

public sealed class GlobalStoreTests
{
    [Fact]
    public void Global_store_is_fully_loaded_before_the_first_record_is_processed_and_follows_updates()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("catalog", 3);
        cluster.CreateTopic("lookups", 2);
        cluster.CreateTopic("enriched", 2);
        TopicIo.Produce(cluster, "catalog", Enumerable.Range(0, 300).Select(i => (i % 3, (byte[]?)Encoding.UTF8.GetBytes($"item-{i}"), (byte[]?)Encoding.UTF8.GetBytes($"title-{i}"))));
        TopicIo.Produce(cluster, "lookups", Enumerable.Range(0, 300).Select(i => (i % 2, (byte[]?)Encoding.UTF8.GetBytes($"u{i}"), (byte[]?)Encoding.UTF8.GetBytes($"item-{i}"))));

        using var app = Start(cluster, Topology(), Options(cluster, TempDirectory()));
        WaitFor(() => TopicIo.ReadAll(cluster, "enriched", 2).Count >= 300, "300 enriched records");
        var enriched = TopicIo.ReadAll(cluster, "enriched", 2).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).ToList();
        Assert.DoesNotContain("missing", enriched);

        TopicIo.Produce(cluster, "catalog", [(0, "item-new"u8.ToArray(), "title-new"u8.ToArray())]);
        var store = app.GlobalStore<IReadOnlyKeyValueStore<string, string>>("catalog-store");
        WaitFor(() => store.TryGet("item-new", out _), "the global store to pick up a new catalog record");
        Assert.True(app.Close(TimeSpan.FromSeconds(20)));
    }

    private static Topology Topology() =>
        new Topology()
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("catalog-store"), Serdes.String, Serdes.String).WithLoggingDisabled(),
                "catalog-source",
                "catalog",
                Serdes.String,
                Serdes.String,
                "catalog-loader",
                () => new CatalogLoader())
            .AddSource("lookup-source", "lookups", Serdes.String, Serdes.String)
            .AddProcessor<string, string, string, string>("enrich", () => new Enricher(), "lookup-source")
            .AddSink("sink", "enriched", Serdes.String, Serdes.String, "enrich");

    private sealed class CatalogLoader : IProcessor<string, string, string, string>
    {
        private IKeyValueStore<string, string>? _store;

        public void Init(IProcessorContext<string, string> context) => _store = context.GetStateStore<IKeyValueStore<string, string>>("catalog-store");

        public void Process(Record<string, string> record) => _store!.Put(record.Key, record.Value);

        public void Close()
        {
        }
    }

    private sealed class Enricher : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;
        private IKeyValueStore<string, string>? _catalog;

        public void Init(IProcessorContext<string, string> context)
        {
            _context = context;
            _catalog = context.GetStateStore<IKeyValueStore<string, string>>("catalog-store");
        }

        public void Process(Record<string, string> record) =>
            _context!.Forward(record.WithValue(_catalog!.TryGet(record.Value, out var title) ? title : "missing"));

        public void Close()
        {
        }
    }
}
