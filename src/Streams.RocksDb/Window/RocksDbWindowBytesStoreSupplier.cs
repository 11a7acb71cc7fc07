using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>Makes one <see cref="RocksDbWindowBytesStore"/> per task.</summary>
public sealed class RocksDbWindowBytesStoreSupplier : WindowBytesStoreSupplier
{
    public RocksDbWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, long segmentIntervalMs, RocksDbOptions options)
        : base(name, retentionPeriodMs, windowSizeMs, segmentIntervalMs)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public RocksDbOptions Options { get; }

    public override IWindowBytesStore Get() => new RocksDbWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, SegmentIntervalMs, Options);
}
