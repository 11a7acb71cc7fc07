using System.Runtime.InteropServices;

namespace RecoStreams.Streams.RocksDb.Native.Handles;

/// <summary>
/// Base of every RocksDB object handle. SafeHandle reference counting makes a native call that is in
/// flight hold the object alive, so disposing from another thread never frees memory under a caller,
/// and a call after disposal fails with ObjectDisposedException instead of crashing the process.
/// </summary>
internal abstract class RocksDbHandle : SafeHandle
{
    private readonly List<SafeHandle> _dependencies = [];

    protected RocksDbHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Keeps <paramref name="dependency"/> alive until this handle is released: an iterator must not
    /// outlive its database or the read options (and bound buffers) it was created with.
    /// </summary>
    public void KeepAlive(SafeHandle dependency)
    {
        var added = false;
        dependency.DangerousAddRef(ref added);
        _dependencies.Add(dependency);
    }

    protected abstract void Destroy(nint nativeHandle);

    protected sealed override bool ReleaseHandle()
    {
        Destroy(handle);
        for (var i = _dependencies.Count - 1; i >= 0; i--)
        {
            _dependencies[i].DangerousRelease();
        }

        return true;
    }
}
