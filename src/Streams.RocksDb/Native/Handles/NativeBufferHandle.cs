using System.Runtime.InteropServices;

namespace RecoStreams.Streams.RocksDb.Native.Handles;

/// <summary>
/// A copy of a key in unmanaged memory, for iterator bounds: RocksDB keeps a pointer to the bound
/// rather than a copy, so the bytes must not move (GC) or go away while an iterator uses them.
/// </summary>
internal sealed unsafe class NativeBufferHandle : RocksDbHandle
{
    public NativeBufferHandle(ReadOnlySpan<byte> contents)
    {
        // One byte minimum so an empty key still has a valid, distinct address.
        var memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, contents.Length));
        contents.CopyTo(new Span<byte>(memory, contents.Length));
        SetHandle((nint)memory);
        Length = contents.Length;
    }

    public int Length { get; }

    public byte* Pointer => (byte*)handle;

    protected override void Destroy(nint nativeHandle) => NativeMemory.Free((void*)nativeHandle);
}
