using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Tests.Support;

/// <summary>A processor defined by delegates, for wiring small test topologies.</summary>
internal sealed class LambdaProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    Action<Record<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>> process,
    Action<IProcessorContext<TKeyOut, TValueOut>>? init = null) : IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    private IProcessorContext<TKeyOut, TValueOut>? _context;

    public void Init(IProcessorContext<TKeyOut, TValueOut> context)
    {
        _context = context;
        init?.Invoke(context);
    }

    public void Process(Record<TKeyIn, TValueIn> record) => process(record, _context!);

    public void Close()
    {
    }
}

internal static class Processors
{
    public static Func<IProcessor<TKey, TValue, TKey, TValue>> PassThrough<TKey, TValue>() =>
        () => new LambdaProcessor<TKey, TValue, TKey, TValue>((r, c) => c.Forward(r));

    public static Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> Of<TKeyIn, TValueIn, TKeyOut, TValueOut>(
        Action<Record<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>> process,
        Action<IProcessorContext<TKeyOut, TValueOut>>? init = null) =>
        () => new LambdaProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(process, init);
}
