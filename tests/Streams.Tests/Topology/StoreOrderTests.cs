using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Topology;

/// <summary>
/// A task's stores come upstream first, by the depth of the deepest processor using each, so the runtime can
/// write commit-deferred stores deepest first: an entry near the sources (an event id seen) must not become
/// durable before the work it suppresses further down (a parked event, a dirty mark).
/// </summary>
public sealed class StoreOrderTests
{
    [Fact]
    public void Stores_are_ordered_by_the_depth_of_their_deepest_processor_even_when_a_second_source_is_shallower()
    {
        static LambdaProcessor<string, string, string, string> Pass() => new((r, c) => c.Forward(r));
        static Streams.State.Builders.KeyValueStoreBuilder<string, long> Store(string name) =>
            Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(name), Serdes.String, Serdes.Long);

        var topology = new Streams.Topology()
            .AddSource("events", "events", Serdes.String, Serdes.String)
            .AddProcessor("dedup", Pass, "events")
            .AddProcessor("profile", Pass, "dedup")
            .AddSource("refresh", "refresh", Serdes.String, Serdes.String)
            .AddProcessor("recommend", Pass, "refresh")
            .AddStateStore(Store("a-dirty"), "profile", "recommend")
            .AddStateStore(Store("z-event-ids"), "dedup")
            .AddStateStore(Store("lists"), "recommend");

        var stores = topology.BuildSubtopology(0, "app").Stores.Select(s => s.Store.Name);

        Assert.Equal(["lists", "z-event-ids", "a-dirty"], stores);
    }
}
