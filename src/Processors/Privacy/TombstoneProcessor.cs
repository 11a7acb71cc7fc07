using RecoStreams.Streams.Processor;

namespace RecoStreams.Processors.Privacy;

/// <summary>Turns an erasure into a tombstone (null value) of <typeparamref name="TValue"/> under the same key.</summary>
public sealed class TombstoneProcessor<TValue> : IProcessor<string, UserErasure, string, TValue>
    where TValue : class
{
    private IProcessorContext<string, TValue>? _context;

    public void Init(IProcessorContext<string, TValue> context) => _context = context;

    public void Process(Record<string, UserErasure> record) =>
        _context!.Forward(new Record<string, TValue>(record.Key, null!, record.Timestamp));

    public void Close()
    {
    }
}
