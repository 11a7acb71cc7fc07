using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Kafka.Tests.Support;

/// <summary>
/// input (string key) -> count per key in store "counts" -> "trace" topic. Each trace record's value is
/// "partition:offset:count", so a test can check which input offsets were processed and how often.
/// </summary>
internal static class CountingTopology
{
    public const string Input = "input";
    public const string Trace = "trace";
    public const string Store = "counts";

    /// <param name="input">The input topic; tests on a shared real broker pass names of their own.</param>
    /// <param name="trace">The trace topic.</param>
    public static Topology Build(Func<IKeyValueBytesStoreSupplier>? storeSupplier = null, string input = Input, string trace = Trace) =>
        new Topology()
            .AddSource("source", input, Serdes.String, Serdes.String)
            .AddProcessor<string, string, string, string>("count", () => new CountProcessor(), "source")
            .AddStateStore(Stores.KeyValueStoreBuilder((storeSupplier ?? (() => Stores.InMemoryKeyValueStore(Store)))(), Serdes.String, Serdes.Long), "count")
            .AddSink("sink", trace, Serdes.String, Serdes.String, "count");

    public static (int Partition, long Offset, long Count) ParseTrace(string value)
    {
        var parts = value.Split(':');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class CountProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;
        private IKeyValueStore<string, long>? _store;

        public void Init(IProcessorContext<string, string> context)
        {
            _context = context;
            _store = context.GetStateStore<IKeyValueStore<string, long>>(Store);
        }

        public void Process(Record<string, string> record)
        {
            var count = _store!.GetOrDefault(record.Key, 0) + 1;
            _store!.Put(record.Key, count);
            var source = _context!.RecordMetadata!;
            _context!.Forward(record.WithValue($"{source.Partition}:{source.Offset}:{count}"));
        }

        public void Close()
        {
        }
    }
}
