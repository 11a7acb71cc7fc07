using System.Collections.Concurrent;

namespace RecoStreams.Streams.RocksDb.Iteration;

/// <summary>A store iterator the store can close when it closes itself.</summary>
internal interface IStoreOwnedIterator
{
    void CloseByStore();
}

/// <summary>
/// The iterators a store has handed out and not yet seen disposed. Closing the store closes them, so no
/// native iterator keeps a closed database's files and lock alive.
/// </summary>
internal sealed class OpenIterators
{
    private readonly ConcurrentDictionary<IStoreOwnedIterator, byte> _iterators = new(ReferenceEqualityComparer.Instance);

    public int Count => _iterators.Count;

    public void Add(IStoreOwnedIterator iterator) => _iterators.TryAdd(iterator, 0);

    public void Remove(IStoreOwnedIterator iterator) => _iterators.TryRemove(iterator, out _);

    public void CloseAll()
    {
        foreach (var iterator in _iterators.Keys)
        {
            iterator.CloseByStore();
        }
    }
}
