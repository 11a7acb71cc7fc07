using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Topology;

public sealed class TopologyValidationTests
{
    [Fact]
    public void Rejects_a_parent_that_does_not_exist_yet()
    {
        var topology = new Streams.Topology();

        var error = Assert.Throws<TopologyException>(() => topology.AddProcessor("p", Processors.PassThrough<string, string>(), "missing"));

        Assert.Contains("parent 'missing' of 'p' does not exist", error.Message);
    }

    [Fact]
    public void Rejects_a_node_that_is_its_own_parent_as_a_cycle()
    {
        var topology = new Streams.Topology().AddSource("s", "in", Serdes.String, Serdes.String);

        var error = Assert.Throws<TopologyException>(() => topology.AddProcessor("p", Processors.PassThrough<string, string>(), "s", "p"));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Rejects_duplicate_names_and_illegal_topic_names()
    {
        var topology = new Streams.Topology().AddSource("s", "in", Serdes.String, Serdes.String);

        Assert.Contains("already exists", Assert.Throws<TopologyException>(() => topology.AddSource("s", "other", Serdes.String, Serdes.String)).Message);
        Assert.Contains("already read by source 's'", Assert.Throws<TopologyException>(() => topology.AddSource("t", "in", Serdes.String, Serdes.String)).Message);
        Assert.Contains("not a legal Kafka topic name", Assert.Throws<TopologyException>(() => topology.AddSource("u", "bad topic", Serdes.String, Serdes.String)).Message);
    }

    [Fact]
    public void Rejects_a_child_whose_input_types_differ_from_the_parent_output()
    {
        var topology = new Streams.Topology().AddSource("s", "in", Serdes.String, Serdes.String);

        var error = Assert.Throws<TopologyException>(() => topology.AddProcessor("p", Processors.PassThrough<string, long>(), "s"));

        Assert.Contains("forwards <String, String> but 'p' accepts <String, Int64>", error.Message);
    }

    [Fact]
    public void Rejects_a_store_no_processor_uses()
    {
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("orphan"), Serdes.String, Serdes.String));

        var error = Assert.Throws<TopologyException>(() => topology.Describe());

        Assert.Contains("store 'orphan' is not connected to any processor", error.Message);
    }

    [Fact]
    public void Rejects_a_logged_global_store_because_its_topic_is_its_changelog()
    {
        var topology = new Streams.Topology();

        var error = Assert.Throws<TopologyException>(() => topology.AddGlobalStore(
            Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("g"), Serdes.String, Serdes.String),
            "gs",
            "global",
            Serdes.String,
            Serdes.String,
            "gp",
            Processors.PassThrough<string, string>()));

        Assert.Contains("logging disabled", error.Message);
    }

    [Fact]
    public void Rejects_a_repartition_topic_nobody_reads()
    {
        var topology = new Streams.Topology();
        var repartition = topology.AddRepartitionTopic("rekey");
        topology.AddSource("s", "in", Serdes.String, Serdes.String)
            .AddSink("k", repartition, Serdes.String, Serdes.String, "s");

        var error = Assert.Throws<TopologyException>(() => topology.Describe());

        Assert.Contains("'rekey-repartition' needs both a sink writing it and a source reading it", error.Message);
    }
}
