using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Runtime.Nodes;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams;

/// <summary>How to create one node per task, plus what the topology needs to know to wire and describe it.</summary>
internal abstract class NodeFactory(string name, IReadOnlyList<string> predecessors)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Predecessors { get; } = predecessors;

    /// <summary>Key/value types this node accepts; null for sources.</summary>
    public abstract (Type Key, Type Value)? InputTypes { get; }

    /// <summary>Key/value types this node forwards; null for sinks.</summary>
    public abstract (Type Key, Type Value)? OutputTypes { get; }

    /// <param name="resolveTopic">Maps a topic as written in the topology to its real name (internal topics get the application prefix).</param>
    public abstract ProcessorNode Build(Func<string, string> resolveTopic, IReadOnlySet<string> storeNames);
}

internal interface ISourceFactory
{
    IReadOnlyList<string> Topics { get; }
}

internal interface ISinkFactory
{
    string Topic { get; }
}

internal sealed class SourceNodeFactory<TKey, TValue>(
    string name,
    IReadOnlyList<string> topics,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde,
    ITimestampExtractor extractor,
    Func<ConsumedRecord, bool>? skipWhen) : NodeFactory(name, []), ISourceFactory
{
    public IReadOnlyList<string> Topics { get; } = topics;

    public override (Type Key, Type Value)? InputTypes => null;

    public override (Type Key, Type Value)? OutputTypes => (typeof(TKey), typeof(TValue));

    public override ProcessorNode Build(Func<string, string> resolveTopic, IReadOnlySet<string> storeNames) =>
        new SourceNode<TKey, TValue>(Name, Topics.Select(resolveTopic).ToList(), keySerde, valueSerde, extractor, skipWhen);
}

internal sealed class ProcessorNodeFactory<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    string name,
    IReadOnlyList<string> predecessors,
    Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier) : NodeFactory(name, predecessors)
{
    public override (Type Key, Type Value)? InputTypes => (typeof(TKeyIn), typeof(TValueIn));

    public override (Type Key, Type Value)? OutputTypes => (typeof(TKeyOut), typeof(TValueOut));

    public override ProcessorNode Build(Func<string, string> resolveTopic, IReadOnlySet<string> storeNames) =>
        new ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(Name, storeNames, supplier);
}

internal sealed class SinkNodeFactory<TKey, TValue>(
    string name,
    IReadOnlyList<string> predecessors,
    string topic,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde,
    IStreamPartitioner<TKey, TValue>? partitioner) : NodeFactory(name, predecessors), ISinkFactory
{
    public string Topic { get; } = topic;

    public override (Type Key, Type Value)? InputTypes => (typeof(TKey), typeof(TValue));

    public override (Type Key, Type Value)? OutputTypes => null;

    public override ProcessorNode Build(Func<string, string> resolveTopic, IReadOnlySet<string> storeNames) =>
        new SinkNode<TKey, TValue>(Name, resolveTopic(Topic), keySerde, valueSerde, partitioner);
}
