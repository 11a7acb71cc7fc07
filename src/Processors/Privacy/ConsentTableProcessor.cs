using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Privacy;

/// <summary>
/// Keeps the consents global store: every instance holds every user's choice, so a change reaches every
/// task (and the query API) as soon as the global thread reads it. A tombstone (an erased user) deletes.
/// </summary>
public sealed class ConsentTableProcessor(string storeName) : IProcessor<string, ConsentRecord>
{
    private IKeyValueStore<string, ConsentRecord>? _store;

    public void Init(IProcessorContext<string, ConsentRecord> context) =>
        _store = context.GetStateStore<IKeyValueStore<string, ConsentRecord>>(storeName);

    public void Process(Record<string, ConsentRecord> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
            return;
        }

        _store!.Put(record.Key, record.Value);
    }

    public void Close()
    {
    }
}
