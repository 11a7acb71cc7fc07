using System.Reflection;
using System.Runtime.InteropServices;
using RecoStreams.Streams.Native;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

/// <summary>
/// P/Invoke declarations for librocksdb's C API (c.h), split by concern across partial files. The library
/// is the one the RocksDB NuGet package bundles (statically linked compression, needs only libc), loaded by
/// full path from the application's runtimes folder so a system librocksdb can never stand in for it.
/// Only the functions the stores use are declared. Every errptr must point at a zeroed slot: RocksDB
/// frees and replaces a non-null one.
/// </summary>
internal static partial class RocksDbNative
{
    /// <summary>The logical library name the declarations use; <see cref="Resolve"/> maps it to the packaged file.</summary>
    internal const string Library = "rocksdb";

    private static readonly Lazy<IntPtr> Packaged = new(LoadPackaged);

    // An explicit static constructor runs before the first declaration is called, so the resolver is in place.
    static RocksDbNative() => NativeLibrary.SetDllImportResolver(typeof(RocksDbNative).Assembly, Resolve);

    [LibraryImport(Library, EntryPoint = "rocksdb_free")]
    internal static partial void Free(nint ptr);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? Packaged.Value : IntPtr.Zero;

    private static IntPtr LoadPackaged() =>
        OperatingSystem.IsWindows() ? PackagedNativeLibrary.Load("rocksdb.dll")
        : OperatingSystem.IsMacOS() ? PackagedNativeLibrary.Load("librocksdb.dylib")
        : PackagedNativeLibrary.Load(PackagedNativeLibrary.IsMusl ? "librocksdb-musl.so" : "librocksdb.so");
}
