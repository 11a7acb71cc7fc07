namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>A node of a task's processor graph (source, processor or sink), instantiated per task.</summary>
internal abstract class ProcessorNode(string name, IReadOnlySet<string> storeNames)
{
    public string Name { get; } = name;

    /// <summary>State stores this node may open through its context.</summary>
    public IReadOnlySet<string> StoreNames { get; } = storeNames;

    public List<ProcessorNode> Children { get; } = [];

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
