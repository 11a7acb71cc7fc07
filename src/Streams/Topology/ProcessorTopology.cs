using RecoStreams.Streams.Runtime.Nodes;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;

namespace RecoStreams.Streams;

/// <summary>A store instance of one task, with the builder that made it (for its changelog settings).</summary>
internal sealed record TaskStore(IStateStore Store, IStoreBuilder Builder, string? ChangelogTopic);

/// <summary>
/// One subtopology instantiated for one task: fresh processor instances and stores, topics resolved
/// to their real names. Build a new one per task with <see cref="Topology.BuildSubtopology"/>.
/// </summary>
internal sealed class ProcessorTopology(
    int subtopologyId,
    IReadOnlyList<ProcessorNode> nodes,
    IReadOnlyDictionary<string, SourceNode> sourcesByTopic,
    IReadOnlyList<TaskStore> stores,
    IReadOnlyDictionary<string, IStateStore> globalStores,
    IReadOnlySet<string> repartitionTopics)
{
    public int SubtopologyId { get; } = subtopologyId;

    /// <summary>Nodes in the order they were added, so parents initialize before children.</summary>
    public IReadOnlyList<ProcessorNode> Nodes { get; } = nodes;

    public IReadOnlyDictionary<string, SourceNode> SourcesByTopic { get; } = sourcesByTopic;

    /// <summary>Upstream first: by the depth of the deepest processor using each store (see <see cref="Topology"/>).</summary>
    public IReadOnlyList<TaskStore> Stores { get; } = stores;

    public IReadOnlyDictionary<string, IStateStore> GlobalStores { get; } = globalStores;

    /// <summary>Internal topics (real names) this subtopology reads or writes.</summary>
    public IReadOnlySet<string> RepartitionTopics { get; } = repartitionTopics;

    public IEnumerable<string> SinkTopics => Nodes.OfType<ISinkNode>().Select(s => s.Topic);
}
