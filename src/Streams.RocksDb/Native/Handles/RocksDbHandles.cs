using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native.Handles;

// One handle type per native object, each naming the C function that frees it. The source-generated
// marshallers construct them through the public parameterless constructor.

internal sealed class DbHandle : RocksDbHandle
{
    /// <summary>Runs right after the native close, on whichever thread released the last reference.</summary>
    public Action? AfterClose { get; set; }

    protected override void Destroy(nint nativeHandle)
    {
        RocksDbNative.Close(nativeHandle);
        AfterClose?.Invoke();
    }
}

internal sealed class OptionsHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.OptionsDestroy(nativeHandle);
}

internal sealed class BlockBasedTableOptionsHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.BlockBasedOptionsDestroy(nativeHandle);
}

internal sealed class CacheHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.CacheDestroy(nativeHandle);
}

internal sealed class ReadOptionsHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.ReadOptionsDestroy(nativeHandle);
}

internal sealed class WriteOptionsHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.WriteOptionsDestroy(nativeHandle);
}

internal sealed class FlushOptionsHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.FlushOptionsDestroy(nativeHandle);
}

internal sealed class WriteBatchHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.WriteBatchDestroy(nativeHandle);
}

internal sealed class IteratorHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.IterDestroy(nativeHandle);
}

internal sealed class CheckpointHandle : RocksDbHandle
{
    protected override void Destroy(nint nativeHandle) => RocksDbNative.CheckpointObjectDestroy(nativeHandle);
}
