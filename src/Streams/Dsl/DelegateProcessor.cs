namespace RecoStreams.Streams.Dsl;

/// <summary>The processor behind each stateless DSL operator: one delegate per record, an optional init.</summary>
internal sealed class DelegateProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    Action<Record<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>> process,
    Action<IProcessorContext<TKeyOut, TValueOut>>? init = null) : IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    private IProcessorContext<TKeyOut, TValueOut>? _context;

    public void Init(IProcessorContext<TKeyOut, TValueOut> context)
    {
        _context = context;
        init?.Invoke(context);
    }

    public void Process(Record<TKeyIn, TValueIn> record) =>
        process(record, _context ?? throw new InvalidOperationException("Process called before Init."));

    public void Close()
    {
    }
}
