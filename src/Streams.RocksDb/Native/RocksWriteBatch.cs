using RecoStreams.Streams.RocksDb.Native.Handles;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>Writes applied atomically by <see cref="RocksDatabase.Write"/>; the batch copies the bytes it is given.</summary>
public sealed unsafe class RocksWriteBatch : IDisposable
{
    public RocksWriteBatch()
    {
        Handle = RocksDbNative.WriteBatchCreate();
    }

    /// <summary>Operations queued since creation or the last <see cref="Clear"/>.</summary>
    public int Count => RocksDbNative.WriteBatchCount(Handle);

    internal WriteBatchHandle Handle { get; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.WriteBatchPut(Handle, k, (nuint)key.Length, v, (nuint)value.Length);
        }
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key)
        {
            RocksDbNative.WriteBatchDelete(Handle, k, (nuint)key.Length);
        }
    }

    /// <summary>Deletes every key in [startInclusive, endExclusive) with one range tombstone.</summary>
    public void DeleteRange(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive)
    {
        fixed (byte* s = startInclusive)
        fixed (byte* e = endExclusive)
        {
            RocksDbNative.WriteBatchDeleteRange(Handle, s, (nuint)startInclusive.Length, e, (nuint)endExclusive.Length);
        }
    }

    public void Clear() => RocksDbNative.WriteBatchClear(Handle);

    public void Dispose() => Handle.Dispose();
}
