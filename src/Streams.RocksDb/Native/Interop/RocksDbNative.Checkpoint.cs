using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

internal static partial class RocksDbNative
{
    [LibraryImport(Library, EntryPoint = "rocksdb_checkpoint_object_create")]
    internal static partial CheckpointHandle CheckpointObjectCreate(DbHandle db, ref nint errptr);

    /// <summary>logSizeForFlush 0 flushes the memtable first so the checkpoint needs no WAL replay.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_checkpoint_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CheckpointCreate(CheckpointHandle checkpoint, string checkpointDirectory, ulong logSizeForFlush, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_checkpoint_object_destroy")]
    internal static partial void CheckpointObjectDestroy(nint checkpoint);
}
