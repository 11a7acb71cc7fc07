using System.Runtime.CompilerServices;

namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>A node of a task's processor graph (source, processor or sink), instantiated per task.</summary>
internal abstract class ProcessorNode(string name, IReadOnlySet<string> storeNames)
{
    public string Name { get; } = name;

    /// <summary>State stores this node may open through its context.</summary>
    public IReadOnlySet<string> StoreNames { get; } = storeNames;

    public List<ProcessorNode> Children { get; } = [];

    /// <summary>This node's cell of the instance-wide received-records count, once telemetry counted it.</summary>
    public StrongBox<long>? ReceivedCount { get; set; }

    public virtual void Init(TaskContext task)
    {
    }

    public virtual void Close()
    {
    }

    public override string ToString() => Name;
}

/// <summary>A node that accepts records of one key/value type; the topology checks types when wiring.</summary>
internal interface IRecordReceiver<TKey, TValue>
{
    void Receive(Record<TKey, TValue> record);
}
