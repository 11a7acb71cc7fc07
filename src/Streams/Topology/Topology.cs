using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Runtime.Nodes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;

namespace RecoStreams.Streams;

/// <summary>
/// A processing graph built with the Processor API (Kafka Streams' Topology): sources read topics, processors
/// transform, sinks write topics, and stores attach to processors. Parents must be added before children,
/// so the graph cannot contain a cycle. Nodes connected through parents or shared stores form one
/// subtopology, numbered as Kafka Streams numbers them.
/// </summary>
public sealed class Topology
{
    private const string RepartitionSuffix = "-repartition";

    private readonly Dictionary<string, NodeFactory> _nodes = [];
    private readonly List<string> _nodeOrder = [];
    private readonly Dictionary<string, List<string>> _successors = [];
    private readonly Dictionary<string, string> _topicToSource = [];
    private readonly Dictionary<string, IStoreBuilder> _stores = [];
    private readonly Dictionary<string, SortedSet<string>> _processorStores = [];
    private readonly Dictionary<string, GlobalStoreEntry> _globalStores = [];
    private readonly HashSet<string> _globalNodes = [];
    private readonly HashSet<string> _repartitionTopics = [];

    public Topology AddSource<TKey, TValue>(
        string name,
        IReadOnlyCollection<string> topics,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        ITimestampExtractor? timestampExtractor = null,
        Func<ConsumedRecord, bool>? skipWhen = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        ValidateNewName(name);
        if (topics.Count == 0)
        {
            throw new TopologyException($"source '{name}' must read at least one topic.");
        }

        foreach (var topic in topics)
        {
            ValidateTopicName(topic);
            if (_topicToSource.TryGetValue(topic, out var other))
            {
                throw new TopologyException($"topic '{topic}' is already read by source '{other}'.");
            }
        }

        foreach (var topic in topics)
        {
            _topicToSource[topic] = name;
        }

        AddNode(new SourceNodeFactory<TKey, TValue>(name, topics.ToList(), keySerde, valueSerde, timestampExtractor ?? RecordTimestampExtractor.Instance, skipWhen));
        return this;
    }

    /// <param name="skipWhen">Records that match, by their raw key, value or headers, are passed over before they are
    /// deserialized (their offsets still commit): a cheap way to leave out records a producer marked as of no interest to
    /// this topology.</param>
    public Topology AddSource<TKey, TValue>(
        string name,
        string topic,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        ITimestampExtractor? timestampExtractor = null,
        Func<ConsumedRecord, bool>? skipWhen = null) =>
        AddSource(name, [topic], keySerde, valueSerde, timestampExtractor, skipWhen);

    public Topology AddProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(
        string name,
        Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier,
        params string[] parentNames)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ValidateNewName(name);
        var factory = new ProcessorNodeFactory<TKeyIn, TValueIn, TKeyOut, TValueOut>(name, parentNames, supplier);
        ValidateParents(factory);
        AddNode(factory);
        _processorStores[name] = new SortedSet<string>(StringComparer.Ordinal);
        return this;
    }

    public Topology AddSink<TKey, TValue>(
        string name,
        string topic,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        IStreamPartitioner<TKey, TValue>? partitioner,
        params string[] parentNames)
    {
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        ValidateNewName(name);
        ValidateTopicName(topic);
        var factory = new SinkNodeFactory<TKey, TValue>(name, parentNames, topic, keySerde, valueSerde, partitioner);
        ValidateParents(factory);
        AddNode(factory);
        return this;
    }

    public Topology AddSink<TKey, TValue>(string name, string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde, params string[] parentNames) =>
        AddSink(name, topic, keySerde, valueSerde, partitioner: null, parentNames);

    /// <summary>Adds a store local to each task and connects it to the named processors.</summary>
    public Topology AddStateStore(IStoreBuilder storeBuilder, params string[] processorNames)
    {
        ArgumentNullException.ThrowIfNull(storeBuilder);
        ValidateStoreName(storeBuilder.Name);
        _stores[storeBuilder.Name] = storeBuilder;
        foreach (var processor in processorNames)
        {
            ConnectProcessorAndStateStores(processor, storeBuilder.Name);
        }

        return this;
    }

    public Topology ConnectProcessorAndStateStores(string processorName, params string[] storeNames)
    {
        if (!_processorStores.TryGetValue(processorName, out var connected) || _globalNodes.Contains(processorName))
        {
            throw new TopologyException($"'{processorName}' is not a processor of this topology; stores connect to processors only.");
        }

        foreach (var store in storeNames)
        {
            if (!_stores.ContainsKey(store))
            {
                throw new TopologyException(_globalStores.ContainsKey(store)
                    ? $"store '{store}' is global: every processor can read it without connecting."
                    : $"store '{store}' has not been added (AddStateStore).");
            }

            connected.Add(store);
        }

        return this;
    }

    /// <summary>
    /// Adds a global store: every instance reads all partitions of <paramref name="topic"/> through the
    /// processor, which keeps the store up to date. The topic itself is the store's changelog, so the
    /// builder must have logging disabled.
    /// </summary>
    public Topology AddGlobalStore<TKey, TValue>(
        IStoreBuilder storeBuilder,
        string sourceName,
        string topic,
        ISerde<TKey> keySerde,
        ISerde<TValue> valueSerde,
        string processorName,
        Func<IProcessor<TKey, TValue, TKey, TValue>> processorSupplier)
    {
        ArgumentNullException.ThrowIfNull(storeBuilder);
        ArgumentNullException.ThrowIfNull(processorSupplier);
        if (storeBuilder.LoggingEnabled)
        {
            throw new TopologyException(
                $"global store '{storeBuilder.Name}' must be built with logging disabled: its topic '{topic}' already is its changelog.");
        }

        ValidateStoreName(storeBuilder.Name);
        ValidateNewName(processorName);
        AddSource(sourceName, [topic], keySerde, valueSerde);
        var processor = new ProcessorNodeFactory<TKey, TValue, TKey, TValue>(processorName, [sourceName], processorSupplier);
        ValidateParents(processor);
        AddNode(processor);
        _processorStores[processorName] = new SortedSet<string>(StringComparer.Ordinal) { storeBuilder.Name };
        _globalNodes.Add(sourceName);
        _globalNodes.Add(processorName);
        _globalStores[storeBuilder.Name] = new GlobalStoreEntry(storeBuilder, sourceName, processorName, topic);
        return this;
    }

    /// <summary>
    /// Declares an internal topic used to re-key records between subtopologies. Returns the topic name to
    /// use in AddSink/AddSource ("{name}-repartition"); at run time it becomes "{applicationId}-{name}-repartition".
    /// </summary>
    public string AddRepartitionTopic(string name)
    {
        ValidateTopicName(name);
        var topic = name + RepartitionSuffix;
        if (!_repartitionTopics.Add(topic))
        {
            throw new TopologyException($"repartition topic '{topic}' is declared twice.");
        }

        return topic;
    }

    /// <summary>
    /// Describes subtopologies, global stores and internal topics. With <paramref name="applicationId"/>,
    /// internal topic names carry the application prefix, as they will at run time.
    /// </summary>
    public TopologyDescription Describe(string? applicationId = null)
    {
        ValidateComplete();
        var groups = NodeGroups();
        var resolve = TopicResolver(applicationId);
        var sinkGroupOfTopic = _nodes.Values.OfType<ISinkFactory>()
            .GroupBy(s => s.Topic)
            .ToDictionary(g => g.Key, g => GroupOf(groups, ((NodeFactory)g.First()).Name));

        var subtopologies = new List<SubtopologyDescription>();
        var globals = new List<GlobalStoreDescription>();
        foreach (var (id, members) in groups)
        {
            var descriptions = members.Select(n => DescribeNode(n, resolve))
                .OrderByDescending(d => SubtreeSize(d.Name))
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .ToList();
            if (members.Any(_globalNodes.Contains))
            {
                var entry = _globalStores.Values.Single(g => members.Contains(g.SourceName));
                globals.Add(new GlobalStoreDescription(
                    id,
                    (SourceDescription)descriptions.Single(d => d.Name == entry.SourceName),
                    (ProcessorDescription)descriptions.Single(d => d.Name == entry.ProcessorName),
                    entry.Topic,
                    entry.Builder.Name));
                continue;
            }

            var sourceTopics = members.Select(n => _nodes[n]).OfType<ISourceFactory>().SelectMany(s => s.Topics).ToList();
            var stores = members.Where(_processorStores.ContainsKey).SelectMany(p => _processorStores[p]).Distinct().Order(StringComparer.Ordinal).ToList();
            subtopologies.Add(new SubtopologyDescription(
                id,
                descriptions,
                sourceTopics.Where(t => !_repartitionTopics.Contains(t)).ToList(),
                sourceTopics.Where(_repartitionTopics.Contains).Select(resolve).ToList(),
                members.Select(n => _nodes[n]).OfType<ISinkFactory>().Select(s => resolve(s.Topic)).Distinct().ToList(),
                stores,
                stores.Where(s => _stores[s].LoggingEnabled)
                    .Select(s => new InternalTopicDescription(ChangelogName(applicationId, s), InternalTopicKind.Changelog, _stores[s].ChangelogConfig, null))
                    .ToList(),
                sourceTopics.Where(_repartitionTopics.Contains)
                    .Select(t => new InternalTopicDescription(resolve(t), InternalTopicKind.Repartition, RepartitionConfig, sinkGroupOfTopic.TryGetValue(t, out var g) ? g : null))
                    .ToList()));
        }

        return new TopologyDescription(subtopologies, globals);
    }

    public override string ToString() => Describe().ToString();

    /// <summary>Ids of the subtopologies that generate tasks.</summary>
    internal IReadOnlyList<int> SubtopologyIds =>
        NodeGroups().Where(g => !g.Value.Any(_globalNodes.Contains)).Select(g => g.Key).ToList();

    /// <summary>Instantiates one subtopology for one task: new processors, new stores.</summary>
    internal ProcessorTopology BuildSubtopology(int subtopologyId, string applicationId, IReadOnlyDictionary<string, IStateStore>? globalStores = null)
    {
        ValidateComplete();
        if (!NodeGroups().TryGetValue(subtopologyId, out var members) || members.Any(_globalNodes.Contains))
        {
            throw new ArgumentOutOfRangeException(nameof(subtopologyId), subtopologyId, "No such (non-global) sub-topology.");
        }

        var resolve = TopicResolver(applicationId);
        var nodes = Instantiate(members, resolve);
        var stores = StoresUpstreamFirst(members).Select(s => BuildStore(_stores[s], applicationId)).ToList();
        var topics = members.Select(n => _nodes[n]).SelectMany(f => f switch
        {
            ISourceFactory source => source.Topics,
            ISinkFactory sink => [sink.Topic],
            _ => [],
        });
        return new ProcessorTopology(
            subtopologyId,
            nodes,
            SourcesByTopic(nodes),
            stores,
            globalStores ?? new Dictionary<string, IStateStore>(),
            topics.Where(_repartitionTopics.Contains).Select(resolve).ToHashSet());
    }

    /// <summary>
    /// The subtopology's stores ordered by how far from a source the deepest processor using each sits (the
    /// longest path, then by name). The runtime writes commit-deferred stores in the reverse order, so a store
    /// kept near the sources, whose entries suppress the work below it (say, ids of events already seen),
    /// becomes durable after the stores that record that work.
    /// </summary>
    private List<string> StoresUpstreamFirst(IEnumerable<string> members)
    {
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(string node)
        {
            if (!depths.TryGetValue(node, out var depth))
            {
                var parents = _nodes[node].Predecessors;
                depth = parents.Count == 0 ? 0 : parents.Max(DepthOf) + 1;
                depths[node] = depth;
            }

            return depth;
        }

        return members.Where(_processorStores.ContainsKey)
            .SelectMany(p => _processorStores[p].Select(store => (Store: store, Depth: DepthOf(p))))
            .GroupBy(e => e.Store, StringComparer.Ordinal)
            .Select(g => (Store: g.Key, Depth: g.Max(e => e.Depth)))
            .OrderBy(e => e.Depth)
            .ThenBy(e => e.Store, StringComparer.Ordinal)
            .Select(e => e.Store)
            .ToList();
    }

    /// <summary>Instantiates all global stores with their sources and processors; null when there are none.</summary>
    internal GlobalProcessorTopology? BuildGlobal()
    {
        ValidateComplete();
        if (_globalStores.Count == 0)
        {
            return null;
        }

        var nodes = Instantiate(_nodeOrder.Where(_globalNodes.Contains).ToList(), t => t);
        var stores = _globalStores.Values.Select(g => new TaskStore(g.Builder.Build(), g.Builder, ChangelogTopic: g.Topic)).ToList();
        return new GlobalProcessorTopology(nodes, SourcesByTopic(nodes), stores);
    }

    private static readonly IReadOnlyDictionary<string, string> RepartitionConfig = new Dictionary<string, string>
    {
        ["cleanup.policy"] = "delete",

        // Kafka Streams purges consumed repartition records explicitly; until this runtime does, a week
        // of retention bounds the topic instead of keeping it forever.
        ["retention.ms"] = "604800000",
    };

    private static string ChangelogName(string? applicationId, string store) =>
        applicationId is null ? $"{store}-changelog" : ChangelogTopics.NameFor(applicationId, store);

    private static TaskStore BuildStore(IStoreBuilder builder, string applicationId) =>
        new(builder.Build(), builder, builder.LoggingEnabled ? ChangelogTopics.NameFor(applicationId, builder.Name) : null);

    private static Dictionary<string, SourceNode> SourcesByTopic(IEnumerable<ProcessorNode> nodes) =>
        nodes.OfType<SourceNode>().SelectMany(s => s.Topics.Select(t => (Topic: t, Source: s))).ToDictionary(e => e.Topic, e => e.Source);

    private Func<string, string> TopicResolver(string? applicationId) =>
        topic => applicationId is not null && _repartitionTopics.Contains(topic) ? $"{applicationId}-{topic}" : topic;

    private List<ProcessorNode> Instantiate(IReadOnlyCollection<string> members, Func<string, string> resolve)
    {
        var ordered = _nodeOrder.Where(members.Contains).ToList();
        var built = ordered.ToDictionary(
            n => n,
            n => _nodes[n].Build(resolve, _processorStores.TryGetValue(n, out var stores) ? stores : new SortedSet<string>()));
        foreach (var name in ordered)
        {
            built[name].Children.AddRange(_successors[name].Select(child => built[child]));
        }

        return ordered.Select(n => built[n]).ToList();
    }

    private void AddNode(NodeFactory factory)
    {
        _nodes.Add(factory.Name, factory);
        _nodeOrder.Add(factory.Name);
        _successors[factory.Name] = [];
        foreach (var parent in factory.Predecessors)
        {
            _successors[parent].Add(factory.Name);
        }
    }

    private void ValidateNewName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
        {
            throw new TopologyException($"node name '{name}' must be non-empty and contain no whitespace.");
        }

        if (_nodes.ContainsKey(name))
        {
            throw new TopologyException($"a node named '{name}' already exists.");
        }
    }

    private static void ValidateTopicName(string topic)
    {
        if (string.IsNullOrWhiteSpace(topic) || topic.Length > 249 || topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new TopologyException($"topic name '{topic}' is not a legal Kafka topic name ([a-zA-Z0-9._-], at most 249 characters).");
        }
    }

    private void ValidateStoreName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new TopologyException($"store name '{name}' must use only [a-zA-Z0-9._-] (it becomes part of a topic name).");
        }

        if (_stores.ContainsKey(name) || _globalStores.ContainsKey(name))
        {
            throw new TopologyException($"a store named '{name}' already exists.");
        }
    }

    private void ValidateParents(NodeFactory child)
    {
        if (child.Predecessors.Count == 0)
        {
            throw new TopologyException($"'{child.Name}' needs at least one parent.");
        }

        foreach (var parentName in child.Predecessors)
        {
            if (parentName == child.Name)
            {
                throw new TopologyException($"'{child.Name}' names itself as parent; a topology cannot contain a cycle.");
            }

            if (!_nodes.TryGetValue(parentName, out var parent))
            {
                throw new TopologyException(
                    $"parent '{parentName}' of '{child.Name}' does not exist; add parents before children (this also rules out cycles).");
            }

            if (parent.OutputTypes is not { } output)
            {
                throw new TopologyException($"sink '{parentName}' cannot be the parent of '{child.Name}'.");
            }

            if (_globalNodes.Contains(parentName))
            {
                throw new TopologyException($"'{parentName}' belongs to a global store and cannot have children.");
            }

            if (child.InputTypes != output)
            {
                throw new TopologyException(
                    $"'{parentName}' forwards <{output.Key.Name}, {output.Value.Name}> but '{child.Name}' accepts " +
                    $"<{child.InputTypes?.Key.Name}, {child.InputTypes?.Value.Name}>.");
            }
        }
    }

    private void ValidateComplete()
    {
        var connected = _processorStores.Values.SelectMany(s => s).ToHashSet();
        var orphan = _stores.Keys.FirstOrDefault(s => !connected.Contains(s));
        if (orphan is not null)
        {
            throw new TopologyException($"store '{orphan}' is not connected to any processor.");
        }

        var readTopics = _topicToSource.Keys.ToHashSet();
        var writtenTopics = _nodes.Values.OfType<ISinkFactory>().Select(s => s.Topic).ToHashSet();
        foreach (var topic in _repartitionTopics)
        {
            if (!readTopics.Contains(topic) || !writtenTopics.Contains(topic))
            {
                throw new TopologyException($"repartition topic '{topic}' needs both a sink writing it and a source reading it.");
            }
        }
    }

    /// <summary>
    /// Subtopologies as Kafka Streams computes them: nodes joined through parent edges and shared stores;
    /// ids assigned by visiting source nodes in name order, then the remaining nodes in name order.
    /// </summary>
    private SortedDictionary<int, HashSet<string>> NodeGroups()
    {
        var parent = _nodes.Keys.ToDictionary(n => n, n => n);
        string Find(string n) => parent[n] == n ? n : parent[n] = Find(parent[n]);
        void Union(string a, string b) => parent[Find(a)] = Find(b);

        foreach (var factory in _nodes.Values)
        {
            foreach (var predecessor in factory.Predecessors)
            {
                Union(factory.Name, predecessor);
            }
        }

        foreach (var store in _stores.Keys)
        {
            var users = _processorStores.Where(p => p.Value.Contains(store)).Select(p => p.Key).ToList();
            foreach (var user in users.Skip(1))
            {
                Union(user, users[0]);
            }
        }

        var idOfRoot = new Dictionary<string, int>();
        var groups = new SortedDictionary<int, HashSet<string>>();
        var visitOrder = _nodes.Values.OfType<ISourceFactory>().Select(s => ((NodeFactory)s).Name).Order(StringComparer.Ordinal)
            .Concat(_nodes.Keys.Order(StringComparer.Ordinal));
        foreach (var node in visitOrder)
        {
            var root = Find(node);
            if (!idOfRoot.TryGetValue(root, out var id))
            {
                id = idOfRoot.Count;
                idOfRoot[root] = id;
                groups[id] = [];
            }

            groups[id].Add(node);
        }

        return groups;
    }

    private static int GroupOf(SortedDictionary<int, HashSet<string>> groups, string node) => groups.Single(g => g.Value.Contains(node)).Key;

    private int SubtreeSize(string node)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([node]);
        while (stack.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var child in _successors[current])
                {
                    stack.Push(child);
                }
            }
        }

        return seen.Count;
    }

    private NodeDescription DescribeNode(string name, Func<string, string> resolve)
    {
        var factory = _nodes[name];
        var successors = _successors[name];
        return factory switch
        {
            ISourceFactory source => new SourceDescription(name, source.Topics.Select(resolve).ToList(), successors),
            ISinkFactory sink => new SinkDescription(name, resolve(sink.Topic), factory.Predecessors),
            _ => new ProcessorDescription(name, _processorStores[name].ToList(), factory.Predecessors, successors),
        };
    }

    private sealed record GlobalStoreEntry(IStoreBuilder Builder, string SourceName, string ProcessorName, string Topic);
}
