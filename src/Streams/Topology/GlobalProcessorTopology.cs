using RecoStreams.Streams.Runtime.Nodes;

namespace RecoStreams.Streams;

/// <summary>The global stores of a topology instantiated once per instance, with their sources and processors.</summary>
internal sealed class GlobalProcessorTopology(
    IReadOnlyList<ProcessorNode> nodes,
    IReadOnlyDictionary<string, SourceNode> sourcesByTopic,
    IReadOnlyList<TaskStore> stores)
{
    public IReadOnlyList<ProcessorNode> Nodes { get; } = nodes;

    public IReadOnlyDictionary<string, SourceNode> SourcesByTopic { get; } = sourcesByTopic;

    public IReadOnlyList<TaskStore> Stores { get; } = stores;
}
