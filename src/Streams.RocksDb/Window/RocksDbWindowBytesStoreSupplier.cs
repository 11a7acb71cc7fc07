using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>Makes one <see cref="RocksDbWindowBytesStore"/> per task.</summary>
public sealed class RocksDbWindowBytesStoreSupplier : IWindowBytesStoreSupplier
{
    public RocksDbWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, long segmentIntervalMs, RocksDbOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSizeMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentIntervalMs);
        ArgumentNullException.ThrowIfNull(options);
        if (retentionPeriodMs < windowSizeMs)
        {
            throw new ArgumentException(
                $"Store '{name}': retention ({retentionPeriodMs} ms) must be at least the window size ({windowSizeMs} ms).",
                nameof(retentionPeriodMs));
        }

        Name = name;
        RetentionPeriodMs = retentionPeriodMs;
        WindowSizeMs = windowSizeMs;
        SegmentIntervalMs = segmentIntervalMs;
        Options = options;
    }

    public string Name { get; }

    public long WindowSizeMs { get; }

    public long RetentionPeriodMs { get; }

    public long SegmentIntervalMs { get; }

    public RocksDbOptions Options { get; }

    public IWindowBytesStore Get() => new RocksDbWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, SegmentIntervalMs, Options);
}
