using System.Text;

namespace RecoStreams.Streams;

public enum InternalTopicKind
{
    Changelog,
    Repartition,
}

/// <summary>
/// A topic the application must create. Changelog topics have the partition count of their subtopology's
/// source topics; a repartition topic takes the partition count of the subtopology that writes to it
/// (<see cref="UpstreamSubtopology"/>), resolved at start with <see cref="TopologyDescription.ResolvePartitionCounts"/>.
/// </summary>
public sealed record InternalTopicDescription(
    string Name,
    InternalTopicKind Kind,
    IReadOnlyDictionary<string, string> Config,
    int? UpstreamSubtopology);

public abstract record NodeDescription(string Name, IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors)
{
    protected static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}

public sealed record SourceDescription(string Name, IReadOnlyList<string> Topics, IReadOnlyList<string> Successors)
    : NodeDescription(Name, [], Successors)
{
    public override string ToString() => $"Source: {Name} (topics: [{string.Join(", ", Topics)}])\n      --> {Names(Successors)}";
}

public sealed record ProcessorDescription(string Name, IReadOnlyList<string> Stores, IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors)
    : NodeDescription(Name, Predecessors, Successors)
{
    public override string ToString() =>
        $"Processor: {Name} (stores: [{string.Join(", ", Stores)}])\n      --> {Names(Successors)}\n      <-- {Names(Predecessors)}";
}

public sealed record SinkDescription(string Name, string Topic, IReadOnlyList<string> Predecessors)
    : NodeDescription(Name, Predecessors, [])
{
    public override string ToString() => $"Sink: {Name} (topic: {Topic})\n      <-- {Names(Predecessors)}";
}

/// <summary>One subtopology: the unit of parallelism (one task per partition of its source topics).</summary>
public sealed record SubtopologyDescription(
    int Id,
    IReadOnlyList<NodeDescription> Nodes,
    IReadOnlyList<string> SourceTopics,
    IReadOnlyList<string> RepartitionSourceTopics,
    IReadOnlyList<string> SinkTopics,
    IReadOnlyList<string> Stores,
    IReadOnlyList<InternalTopicDescription> ChangelogTopics,
    IReadOnlyList<InternalTopicDescription> RepartitionTopics)
{
    /// <summary>All topics whose partitions this subtopology's tasks read (external and repartition).</summary>
    public IEnumerable<string> AllSourceTopics => SourceTopics.Concat(RepartitionSourceTopics);

    public override string ToString() =>
        $"Sub-topology: {Id}\n" + string.Concat(Nodes.Select(n => $"    {n}\n")) + "\n";
}

/// <summary>A global store: every instance reads all partitions of its topic; it generates no tasks.</summary>
public sealed record GlobalStoreDescription(int Id, SourceDescription Source, ProcessorDescription Processor, string Topic, string StoreName)
{
    public override string ToString() =>
        $"Sub-topology: {Id} for global store (will not generate tasks)\n    {Source}\n    {Processor}\n";
}

/// <summary>
/// The structure of a topology (Kafka Streams' TopologyDescription) plus what the transport needs to run
/// it: internal topics with their configs and the co-partitioning groups.
/// </summary>
public sealed class TopologyDescription(
    IReadOnlyList<SubtopologyDescription> subtopologies,
    IReadOnlyList<GlobalStoreDescription> globalStores)
{
    public IReadOnlyList<SubtopologyDescription> Subtopologies { get; } = subtopologies;

    public IReadOnlyList<GlobalStoreDescription> GlobalStores { get; } = globalStores;

    /// <summary>
    /// Topics that must have the same partition count: a task reads partition N of every source topic of
    /// its subtopology, so all of them (external and repartition) form one group when there are several.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> CopartitionGroups =>
        Subtopologies.Select(s => (IReadOnlyList<string>)s.AllSourceTopics.Order(StringComparer.Ordinal).ToList())
            .Where(g => g.Count > 1)
            .ToList();

    public IEnumerable<InternalTopicDescription> InternalTopics =>
        Subtopologies.SelectMany(s => s.ChangelogTopics.Concat(s.RepartitionTopics));

    /// <summary>
    /// Partition counts of every internal topic, given the counts of the external source topics: a
    /// subtopology runs max(source partitions) tasks; its changelogs match; a repartition topic matches the
    /// subtopology that writes into it (following chains of repartition topics).
    /// </summary>
    public IReadOnlyDictionary<string, int> ResolvePartitionCounts(Func<string, int> externalTopicPartitions)
    {
        ArgumentNullException.ThrowIfNull(externalTopicPartitions);
        var repartitionUpstream = Subtopologies.SelectMany(s => s.RepartitionTopics)
            .ToDictionary(t => t.Name, t => t.UpstreamSubtopology);
        var taskCounts = new Dictionary<int, int>();

        int TasksOf(SubtopologyDescription subtopology, HashSet<int> visiting)
        {
            if (taskCounts.TryGetValue(subtopology.Id, out var known))
            {
                return known;
            }

            if (!visiting.Add(subtopology.Id))
            {
                throw new TopologyException($"Repartition topics form a loop through sub-topology {subtopology.Id}.");
            }

            // A repartition topic the subtopology writes and reads itself (re-placing records by key) adds no
            // count of its own: it gets the count the other sources give.
            var counts = subtopology.SourceTopics.Select(externalTopicPartitions)
                .Concat(subtopology.RepartitionSourceTopics
                    .Where(t => repartitionUpstream[t] != subtopology.Id)
                    .Select(t => repartitionUpstream[t] is { } upstream
                        ? TasksOf(Subtopologies.Single(s => s.Id == upstream), visiting)
                        : throw new TopologyException($"Repartition topic '{t}' has no sink writing to it.")))
                .ToList();
            var count = counts.Count == 0 ? throw new TopologyException($"Sub-topology {subtopology.Id} has no source topic.") : counts.Max();
            taskCounts[subtopology.Id] = count;
            return count;
        }

        var result = new Dictionary<string, int>();
        foreach (var subtopology in Subtopologies)
        {
            var tasks = TasksOf(subtopology, []);
            foreach (var changelog in subtopology.ChangelogTopics)
            {
                result[changelog.Name] = tasks;
            }

            foreach (var repartition in subtopology.RepartitionTopics)
            {
                result[repartition.Name] = TasksOf(Subtopologies.Single(s => s.Id == repartition.UpstreamSubtopology), []);
            }
        }

        return result;
    }

    /// <summary>Kafka Streams' text layout, so the output reads like (and diffs against) Java's.</summary>
    public override string ToString()
    {
        // Java prints "Topologies:\n " and then two spaces before every sub-topology: the first gets three.
        var text = new StringBuilder("Topologies:\n ");
        var entries = Subtopologies.Select(s => (s.Id, Text: s.ToString()))
            .Concat(GlobalStores.Select(g => (g.Id, Text: g.ToString())))
            .OrderBy(e => e.Id);
        foreach (var (_, entry) in entries)
        {
            text.Append("  ").Append(entry);
        }

        return text.ToString();
    }
}
