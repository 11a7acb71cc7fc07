namespace RecoStreams.Streams.Runtime.Nodes;

/// <summary>Hosts one user processor instance and its context.</summary>
internal sealed class ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    string name,
    IReadOnlySet<string> storeNames,
    Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier) : ProcessorNode(name, storeNames), IRecordReceiver<TKeyIn, TValueIn>
{
    private IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>? _processor;

    public override void Init(TaskContext task)
    {
        _processor = supplier() ?? throw new StreamsException($"The supplier of processor '{Name}' returned null.");
        _processor.Init(new ProcessorContextImpl<TKeyOut, TValueOut>(task, this));
    }

    public void Receive(Record<TKeyIn, TValueIn> record) =>
        (_processor ?? throw new InvalidOperationException($"Processor '{Name}' received a record before Init.")).Process(record);

    public override void Close() => _processor?.Close();
}
