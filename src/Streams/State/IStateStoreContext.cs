using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.State;

/// <summary>What a store needs from the runtime while it opens and runs.</summary>
public interface IStateStoreContext
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>The task's own folder under the state directory (exists when Init is called).</summary>
    string StateDirectory { get; }

    /// <summary>Timestamp of the record being processed (or the punctuation time); stamps changelog records.</summary>
    long CurrentTimestamp { get; }

    /// <summary>
    /// Registers a store so the runtime flushes and closes it, and (when <paramref name="restore"/> is given)
    /// replays its changelog through the callback before processing starts.
    /// </summary>
    void Register(IStateStore store, IStateRestoreCallback? restore);

    /// <summary>Writes one change of a logged store to its changelog partition; null value = delete.</summary>
    void LogChange(string storeName, ReadOnlySpan<byte> key, byte[]? value, long timestamp);
}

/// <summary>Applies changelog records to a store during restoration, a batch at a time.</summary>
public interface IStateRestoreCallback
{
    void RestoreBatch(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records);
}
