using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Topology;

public sealed class SubtopologyGroupingTests
{
    [Fact]
    public void Processors_sharing_a_store_join_one_subtopology_and_ids_follow_sorted_source_names()
    {
        var topology = new Streams.Topology()
            .AddSource("z-source", "z", Serdes.String, Serdes.String)
            .AddSource("b-source", "b", Serdes.String, Serdes.String)
            .AddSource("a-source", "a", Serdes.String, Serdes.String)
            .AddProcessor("z-proc", Processors.PassThrough<string, string>(), "z-source")
            .AddProcessor("b-proc", Processors.PassThrough<string, string>(), "b-source")
            .AddProcessor("a-proc", Processors.PassThrough<string, string>(), "a-source");
        topology.AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("shared"), Serdes.String, Serdes.String), "z-proc", "a-proc");

        var subtopologies = topology.Describe().Subtopologies;

        Assert.Equal(2, subtopologies.Count);
        Assert.Equal(["a", "z"], subtopologies.Single(s => s.Id == 0).SourceTopics.Order());
        Assert.Equal(["b"], subtopologies.Single(s => s.Id == 1).SourceTopics);
    }

    [Fact]
    public void A_subtopology_reading_several_topics_forms_a_copartition_group()
    {
        var topology = new Streams.Topology()
            .AddSource("events", ["clicks", "views"], Serdes.String, Serdes.String)
            .AddProcessor("join", Processors.PassThrough<string, string>(), "events")
            .AddSource("lonely", "other", Serdes.String, Serdes.String)
            .AddProcessor("solo", Processors.PassThrough<string, string>(), "lonely");

        var group = Assert.Single(topology.Describe().CopartitionGroups);

        Assert.Equal(["clicks", "views"], group);
    }

    [Fact]
    public void Nodes_print_larger_subtrees_first_then_by_name()
    {
        var topology = new Streams.Topology()
            .AddSource("src", "in", Serdes.String, Serdes.String)
            .AddProcessor("b-leaf", Processors.PassThrough<string, string>(), "src")
            .AddProcessor("a-branch", Processors.PassThrough<string, string>(), "src")
            .AddSink("out", "out", Serdes.String, Serdes.String, "a-branch");

        var names = topology.Describe().Subtopologies.Single().Nodes.Select(n => n.Name);

        Assert.Equal(["src", "a-branch", "b-leaf", "out"], names);
    }
}
