namespace RecoStreams.Streams.State.Caching;

/// <summary>
/// One cached value. A null <see cref="Value"/> is a cached delete (tombstone) that hides the value
/// below until it is flushed. <see cref="Timestamp"/> is the record time the write happened at, so the
/// flush can log and forward it with its own time rather than the flush time.
/// </summary>
public readonly record struct CacheEntry(byte[]? Value, bool IsDirty, long Timestamp)
{
    // Rough per-entry bookkeeping (dictionary slot, LRU node, key/array headers), so many tiny entries
    // still count against the byte budget.
    internal const int OverheadBytes = 64;

    internal long SizeBytes(Bytes key) => key.Length + (Value?.Length ?? 0) + OverheadBytes;
}

/// <summary>A dirty entry handed to a store's flush callback, in the order it was first dirtied.</summary>
public readonly record struct DirtyEntry(Bytes Key, byte[]? Value, long Timestamp);
