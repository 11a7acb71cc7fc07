using System.Collections.Concurrent;

namespace RecoStreams.Avro.Registry.Client;

/// <summary>A concurrent cache that empties itself when full: schemas are few, so refetching after a reset is cheap and simpler than LRU.</summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = value;
    }
}
