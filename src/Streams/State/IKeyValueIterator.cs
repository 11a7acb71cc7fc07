namespace RecoStreams.Streams.State;

/// <summary>
/// A cursor over store entries in key order. It holds native or snapshot resources: always dispose it.
/// </summary>
public interface IKeyValueIterator<TKey, TValue> : IEnumerator<KeyValuePair<TKey, TValue>>
{
    /// <summary>The key MoveNext would land on, without moving; false at the end.</summary>
    bool TryPeekNextKey(out TKey key);
}
