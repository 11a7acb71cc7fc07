using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Tests.TestSupport;

internal static class IteratorExtensions
{
    /// <summary>Drains and disposes the iterator.</summary>
    public static List<KeyValuePair<TKey, TValue>> ToListAndDispose<TKey, TValue>(this IKeyValueIterator<TKey, TValue> iterator)
    {
        using (iterator)
        {
            var entries = new List<KeyValuePair<TKey, TValue>>();
            while (iterator.MoveNext())
            {
                entries.Add(iterator.Current);
            }

            return entries;
        }
    }
}
