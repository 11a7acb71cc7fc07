namespace RecoStreams.Streams.State;

/// <summary>
/// The latest value of one key written out of a store's record cache on commit or eviction.
/// <see cref="IsDelete"/> marks a tombstone (then <see cref="NewValue"/> is default).
/// </summary>
public readonly record struct CachedChange<TKey, TValue>(TKey Key, TValue? NewValue, bool IsDelete, long Timestamp);

/// <summary>A typed store built with caching; aggregations use it to emit only the latest value per key on commit.</summary>
public interface ICachedStateStore<TKey, TValue>
{
    /// <summary>
    /// Registers the callback that receives every cached change as it is flushed. Returns false when the
    /// store was built without caching (callers then forward each update themselves).
    /// </summary>
    bool SetFlushListener(Action<CachedChange<TKey, TValue>> listener);
}
