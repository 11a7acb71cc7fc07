using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_create")]
    internal static partial WriteBatchHandle WriteBatchCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_destroy")]
    internal static partial void WriteBatchDestroy(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_clear")]
    internal static partial void WriteBatchClear(WriteBatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_count")]
    internal static partial int WriteBatchCount(WriteBatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_put")]
    internal static partial void WriteBatchPut(WriteBatchHandle batch, byte* key, nuint keyLength, byte* value, nuint valueLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete")]
    internal static partial void WriteBatchDelete(WriteBatchHandle batch, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete_range")]
    internal static partial void WriteBatchDeleteRange(WriteBatchHandle batch, byte* startKey, nuint startKeyLength, byte* endKey, nuint endKeyLength);
}
