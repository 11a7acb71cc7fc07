using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>Replays window changelog records ([key][8-byte big-endian window start] keys) into the segments.</summary>
internal sealed class WindowRestoreCallback(RocksDbWindowBytesStore store) : IStateRestoreCallback
{
    public void RestoreBatch(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        store.Restore(records);
    }
}
