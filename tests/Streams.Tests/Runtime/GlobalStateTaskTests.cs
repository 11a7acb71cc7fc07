using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class GlobalStateTaskTests
{
    private static Streams.Topology GlobalCatalog(IKeyValueBytesStoreSupplier supplier) =>
        new Streams.Topology().AddGlobalStore(
            Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.String).WithLoggingDisabled(),
            "catalog-source",
            "catalog-items",
            Serdes.String,
            Serdes.String,
            "catalog-updater",
            Processors.Of<string, string, string, string>((r, c) => c.GetStateStore<IKeyValueStore<string, string>>("catalog").Put(r.Key, r.Value)));

    private static ConsumedRecord Item(int partition, long offset, string key, string value) =>
        new("catalog-items", partition, offset, 0, System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(value), null);

    [Fact]
    public void Persistent_global_store_resumes_after_the_checkpointed_offset_of_each_partition()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "g", StateDirectory = state.Path };
        var topology = GlobalCatalog(new PersistentTestStoreSupplier("catalog"));
        var first = new GlobalStateTask(topology.BuildGlobal()!, options, state.Path, new MockTime());
        Assert.Empty(first.Initialize());

        first.Update([Item(0, 0, "i1", "Drama"), Item(1, 4, "i2", "Comedy"), Item(0, 1, "i3", "Horror")]);
        Assert.Equal("Comedy", ((IKeyValueStore<string, string>)first.Stores["catalog"]).Get("i2"));
        first.Close(clean: true);

        var second = new GlobalStateTask(topology.BuildGlobal()!, options, state.Path, new MockTime());
        var resume = second.Initialize();

        Assert.Equal(new Dictionary<(string, int), long> { [("catalog-items", 0)] = 2, [("catalog-items", 1)] = 5 }, resume);
    }

    [Fact]
    public void In_memory_global_store_rereads_its_topic_from_the_beginning()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "g", StateDirectory = state.Path };
        var topology = GlobalCatalog(Stores.InMemoryKeyValueStore("catalog"));
        var first = new GlobalStateTask(topology.BuildGlobal()!, options, state.Path, new MockTime());
        first.Initialize();
        first.Update([Item(0, 0, "i1", "Drama")]);
        first.Close(clean: true);

        var second = new GlobalStateTask(topology.BuildGlobal()!, options, state.Path, new MockTime());

        Assert.Empty(second.Initialize());
    }
}
