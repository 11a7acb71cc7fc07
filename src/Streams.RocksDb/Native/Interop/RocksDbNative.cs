using System.Runtime.InteropServices;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

/// <summary>
/// P/Invoke declarations for Debian's librocksdb C API (c.h), split by concern across partial files.
/// Only the functions the stores use are declared. Every errptr must point at a zeroed slot: RocksDB
/// frees and replaces a non-null one.
/// </summary>
internal static partial class RocksDbNative
{
    /// <summary>The so-name of Debian 12's librocksdb7.8 package.</summary>
    internal const string Library = "librocksdb.so.7.8";

    [LibraryImport(Library, EntryPoint = "rocksdb_free")]
    internal static partial void Free(nint ptr);
}
