using RecoStreams.Streams.RocksDb.Native.Handles;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>
/// A RocksDB iterator: a consistent point-in-time view of the database from its creation, in unsigned
/// byte order, limited to the bounds it was created with. It keeps its database open until disposed.
/// Not thread-safe; <see cref="Key"/> and <see cref="Value"/> point into RocksDB memory that is valid only
/// until the next move or disposal.
/// </summary>
public sealed unsafe class RocksIterator : IDisposable
{
    private readonly IteratorHandle _handle;

    internal RocksIterator(IteratorHandle handle) => _handle = handle;

    public bool IsDisposed => _handle.IsClosed;

    public bool Valid => RocksDbNative.IterValid(_handle) != 0;

    public ReadOnlySpan<byte> Key
    {
        get
        {
            var pointer = RocksDbNative.IterKey(_handle, out var length);
            return new ReadOnlySpan<byte>(pointer, checked((int)length));
        }
    }

    public ReadOnlySpan<byte> Value
    {
        get
        {
            var pointer = RocksDbNative.IterValue(_handle, out var length);
            return new ReadOnlySpan<byte>(pointer, checked((int)length));
        }
    }

    public void SeekToFirst() => RocksDbNative.IterSeekToFirst(_handle);

    /// <summary>Positions at the first key at or after <paramref name="target"/>.</summary>
    public void Seek(ReadOnlySpan<byte> target)
    {
        fixed (byte* t = target)
        {
            RocksDbNative.IterSeek(_handle, t, (nuint)target.Length);
        }
    }

    public void Next() => RocksDbNative.IterNext(_handle);

    /// <summary>
    /// Copies the current key. Unlike <see cref="Key"/>, safe against a concurrent <see cref="Dispose"/>:
    /// the native iterator is held alive until the copy is done.
    /// </summary>
    public byte[] KeyToArray() => WhileHeld(static it => it.Key.ToArray());

    /// <summary>Copies the current value; safe against a concurrent <see cref="Dispose"/>.</summary>
    public byte[] ValueToArray() => WhileHeld(static it => it.Value.ToArray());

    /// <summary>An iterator that stops being valid may have hit an I/O error rather than the end; this tells them apart.</summary>
    public void ThrowIfError()
    {
        nint error = 0;
        RocksDbNative.IterGetError(_handle, ref error);
        NativeErrors.ThrowIfError(error, "iteration");
    }

    public void Dispose() => _handle.Dispose();

    private byte[] WhileHeld(Func<RocksIterator, byte[]> read)
    {
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            return read(this);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
