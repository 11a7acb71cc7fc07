using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.KeyValue;

/// <summary>
/// Replays changelog records into the store, one write batch per restore batch: one WAL write and one
/// memtable insert pass per batch instead of per record, and a crash never leaves half a batch applied.
/// </summary>
internal sealed class KeyValueRestoreCallback(RocksDbKeyValueBytesStore store) : IStateRestoreCallback
{
    public void RestoreBatch(IReadOnlyList<KeyValuePair<byte[], byte[]?>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var batch = new RocksWriteBatch();
        foreach (var (key, value) in records)
        {
            RocksDbKeyValueBytesStore.AddToBatch(batch, key, value);
        }

        store.WriteBatch(batch);
    }
}
