using RecoStreams.Processors.Experiments;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Keeps the experiments global store and its in-memory <see cref="ExperimentCatalog"/>: upserts, deletes
/// on a tombstone. At start the catalog is rebuilt from what the store already holds (only records after
/// its checkpoint are read again).
/// </summary>
public sealed class ExperimentTableProcessor(string storeName, ExperimentCatalog catalog) : IProcessor<string, Experiment>
{
    private IKeyValueStore<string, Experiment>? _store;

    public void Init(IProcessorContext<string, Experiment> context)
    {
        _store = context.GetStateStore<IKeyValueStore<string, Experiment>>(storeName);
        using var all = _store.All();
        while (all.MoveNext())
        {
            catalog.Set(all.Current.Key, all.Current.Value);
        }
    }

    public void Process(Record<string, Experiment> record)
    {
        if (record.Key is null)
        {
            return;
        }

        if (record.Value is null)
        {
            _store!.Delete(record.Key);
        }
        else
        {
            _store!.Put(record.Key, record.Value);
        }

        catalog.Set(record.Key, record.Value);
    }

    public void Close()
    {
    }
}
