using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>Turns RocksDB's char** error slot into an exception, freeing the malloc'ed message.</summary>
internal static class NativeErrors
{
    public static void ThrowIfError(nint errptr, string operation)
    {
        if (errptr == 0)
        {
            return;
        }

        string message;
        try
        {
            message = Marshal.PtrToStringUTF8(errptr) ?? "unknown error";
        }
        finally
        {
            RocksDbNative.Free(errptr);
        }

        throw new RocksDbException($"RocksDB {operation} failed: {message}");
    }
}
