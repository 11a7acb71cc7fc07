using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Library, EntryPoint = "rocksdb_iter_destroy")]
    internal static partial void IterDestroy(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_valid")]
    internal static partial byte IterValid(IteratorHandle iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek_to_first")]
    internal static partial void IterSeekToFirst(IteratorHandle iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek")]
    internal static partial void IterSeek(IteratorHandle iterator, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_next")]
    internal static partial void IterNext(IteratorHandle iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_key")]
    internal static partial byte* IterKey(IteratorHandle iterator, out nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_value")]
    internal static partial byte* IterValue(IteratorHandle iterator, out nuint valueLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_get_error")]
    internal static partial void IterGetError(IteratorHandle iterator, ref nint errptr);
}
