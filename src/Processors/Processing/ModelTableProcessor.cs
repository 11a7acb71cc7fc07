using RecoStreams.Processors.Lifecycle;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Keeps the models global store (manifests, trained neighbour lists, the activation) and tells
/// <see cref="ActiveModel"/> which version serves. At start the activation is read from the store, since
/// only records after the store's checkpoint are read again.
/// </summary>
public sealed class ModelTableProcessor(string storeName, ActiveModel active) : IProcessor<string, ModelRecord>
{
    private IKeyValueStore<string, ModelRecord>? _store;

    public void Init(IProcessorContext<string, ModelRecord> context)
    {
        _store = context.GetStateStore<IKeyValueStore<string, ModelRecord>>(storeName);
        active.Set((_store.Get(ModelRecordKeys.Active) as ModelActivationRecord)?.Activation);
    }

    public void Process(Record<string, ModelRecord> record)
    {
        if (record.Value is null)
        {
            _store!.Delete(record.Key);
        }
        else
        {
            _store!.Put(record.Key, record.Value);
        }

        if (string.Equals(record.Key, ModelRecordKeys.Active, StringComparison.Ordinal))
        {
            active.Set((record.Value as ModelActivationRecord)?.Activation);
        }
    }

    public void Close()
    {
    }
}
