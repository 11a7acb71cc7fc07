using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Library, EntryPoint = "rocksdb_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DbHandle Open(OptionsHandle options, string name, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_close")]
    internal static partial void Close(nint db);

    [LibraryImport(Library, EntryPoint = "rocksdb_put")]
    internal static partial void Put(DbHandle db, WriteOptionsHandle options, byte* key, nuint keyLength, byte* value, nuint valueLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_delete")]
    internal static partial void Delete(DbHandle db, WriteOptionsHandle options, byte* key, nuint keyLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_write")]
    internal static partial void Write(DbHandle db, WriteOptionsHandle options, WriteBatchHandle batch, ref nint errptr);

    /// <summary>Returns a pinnable slice (null when the key is absent); destroy it with PinnableSliceDestroy.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_get_pinned")]
    internal static partial nint GetPinned(DbHandle db, ReadOptionsHandle options, byte* key, nuint keyLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_value")]
    internal static partial byte* PinnableSliceValue(nint slice, out nuint valueLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_destroy")]
    internal static partial void PinnableSliceDestroy(nint slice);

    [LibraryImport(Library, EntryPoint = "rocksdb_create_iterator")]
    internal static partial IteratorHandle CreateIterator(DbHandle db, ReadOptionsHandle options);

    /// <summary>Returns a malloc'ed C string (free with rocksdb_free), or null for an unknown property.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_property_value", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint PropertyValue(DbHandle db, string propertyName);

    [LibraryImport(Library, EntryPoint = "rocksdb_approximate_sizes")]
    internal static partial void ApproximateSizes(
        DbHandle db, int rangeCount, byte** rangeStartKeys, nuint* rangeStartKeyLengths,
        byte** rangeLimitKeys, nuint* rangeLimitKeyLengths, ulong* sizes, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_flush_wal")]
    internal static partial void FlushWal(DbHandle db, byte sync, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_flush")]
    internal static partial void Flush(DbHandle db, FlushOptionsHandle options, ref nint errptr);
}
